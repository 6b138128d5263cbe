import { findSaleSettings } from "../adapters/db/event-settings-store";
import type { AdmissionProblem } from "../adapters/jwt/admission-tokens";
import { saleWindowAt, type SaleSettings } from "../domain/sale-window";
import type { WaitingRoomDeps } from "./waiting-room-deps";

export type GateError =
  | { kind: "sales-not-open"; opensAt: Date }
  | { kind: "sales-closed"; closedAt: Date }
  | AdmissionProblem;

export type SaleGate = {
  /**
   * May this visitor hold seats of this event now? Checks the sales window (UTC instants) and, for
   * a waiting-room event, the admission token. Cancelled events are left to `reserveSeats`.
   */
  check(input: {
    eventId: string;
    visitorId: string;
    admission?: string;
  }): Promise<{ ok: true } | { ok: false; error: GateError }>;
};

/**
 * Settings are cached per process for `cacheMs` only (a few hundred ms): an on-sale hits the same
 * event thousands of times a second, and a change from catalog must still reach every process at
 * once for practical purposes. The clock is never cached: the opening is judged per request.
 */
export const createSaleGate = (
  deps: Pick<WaitingRoomDeps, "db" | "admissions" | "now">,
  opts: { cacheMs: number } = { cacheMs: 250 },
): SaleGate => {
  const cache = new Map<string, { at: number; settings: SaleSettings | null }>();
  const settingsOf = async (eventId: string): Promise<SaleSettings | null> => {
    const hit = cache.get(eventId);
    const at = Date.now();
    if (hit && at - hit.at < opts.cacheMs) return hit.settings;
    const settings = await findSaleSettings(deps.db, eventId);
    if (cache.size > 1_000) cache.clear();
    cache.set(eventId, { at, settings });
    return settings;
  };

  return {
    async check({ eventId, visitorId, admission }) {
      const settings = await settingsOf(eventId);
      if (!settings || settings.cancelled) return { ok: true };
      const now = deps.now();
      const window = saleWindowAt(settings, now);
      if (window.state === "not-open")
        return { ok: false, error: { kind: "sales-not-open", opensAt: window.opensAt } };
      if (window.state === "closed")
        return { ok: false, error: { kind: "sales-closed", closedAt: window.closedAt } };
      if (!settings.waitingRoom) return { ok: true };
      const checked = await deps.admissions.check(admission, { visitorId, eventId, now });
      return checked.ok ? { ok: true } : { ok: false, error: checked.problem };
    },
  };
};
