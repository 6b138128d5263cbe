import type { AdmissionProblem } from "../adapters/jwt/admission-tokens";
import { saleWindowAt } from "../domain/sale-window";
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

/** The gate reads settings through the waiting room's short cache (`sale-settings-cache.ts`). */
export const createSaleGate = (
  deps: Pick<WaitingRoomDeps, "settings" | "admissions" | "now">,
): SaleGate => {
  return {
    async check({ eventId, visitorId, admission }) {
      const settings = await deps.settings(eventId);
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
