import { findSaleSettings } from "../adapters/db/event-settings-store";
import type { SqlDb } from "../adapters/db/inventory-store";
import type { SaleSettings } from "../domain/sale-window";

export type SaleSettingsReader = (eventId: string) => Promise<SaleSettings | null>;

/**
 * An event's sale settings, kept per process for `cacheMs` only (a few hundred ms). During an
 * on-sale thousands of visitors poll their place and hold seats every second, all for one event;
 * a change from catalog still reaches every process within `cacheMs`. Only settings are cached:
 * the clock, the queue and admissions are read on every request.
 */
export const createSaleSettingsCache = (
  db: SqlDb,
  opts: { cacheMs: number } = { cacheMs: 250 },
): SaleSettingsReader => {
  const cache = new Map<string, { at: number; settings: Promise<SaleSettings | null> }>();
  return (eventId) => {
    const at = Date.now();
    const hit = cache.get(eventId);
    if (hit && at - hit.at < opts.cacheMs) return hit.settings;
    if (cache.size > 1_000) cache.clear();
    // Concurrent callers share one query; a failed one is not kept.
    const settings = findSaleSettings(db, eventId);
    cache.set(eventId, { at, settings });
    settings.catch(() => cache.delete(eventId));
    return settings;
  };
};
