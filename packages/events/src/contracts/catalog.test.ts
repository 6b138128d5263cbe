import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseEvent } from "../parse-event";

const v1EventUpdated = (data: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  type: "catalog.event-updated",
  version: 1,
  occurredAt: new Date().toISOString(),
  key: randomUUID(),
  correlationId: randomUUID(),
  data: {
    eventId: randomUUID(),
    name: "Hamlet",
    startsAt: "2027-06-01T19:00:00.000Z",
    timeZone: "Europe/London",
    status: "published",
    holdTtlSeconds: 900,
    ...data,
  },
});

describe("catalog contracts: sales window and waiting room", () => {
  it("parses a message written before the fields existed, as on sale at once without a waiting room", () => {
    const result = parseEvent(v1EventUpdated());
    expect(result.ok && result.event.data).toMatchObject({
      salesOpenAt: null,
      salesCloseAt: null,
      waitingRoom: null,
    });
  });

  it("carries the window and the waiting room, and names a bad admission rate", () => {
    const ok = parseEvent(
      v1EventUpdated({
        salesOpenAt: "2027-05-01T09:00:00.000Z",
        salesCloseAt: null,
        waitingRoom: { admitPerMinute: 100, windowSeconds: 600 },
      }),
    );
    expect(ok.ok && ok.event.data).toMatchObject({
      salesOpenAt: "2027-05-01T09:00:00.000Z",
      waitingRoom: { admitPerMinute: 100, windowSeconds: 600 },
    });
    const bad = parseEvent(
      v1EventUpdated({ waitingRoom: { admitPerMinute: 0, windowSeconds: 600 } }),
    );
    expect(!bad.ok && bad.error).toContain("data.waitingRoom.admitPerMinute");
  });
});

describe("catalog contracts: hold extension", () => {
  it("parses a message written before the field existed as no extension allowed", () => {
    const result = parseEvent(v1EventUpdated());
    expect(result.ok && result.event.data).toMatchObject({ holdExtensionMinutes: 0 });
  });

  it("carries the minutes and names a value beyond 15", () => {
    const ok = parseEvent(v1EventUpdated({ holdExtensionMinutes: 5 }));
    expect(ok.ok && ok.event.data).toMatchObject({ holdExtensionMinutes: 5 });
    const bad = parseEvent(v1EventUpdated({ holdExtensionMinutes: 16 }));
    expect(!bad.ok && bad.error).toContain("data.holdExtensionMinutes");
  });
});
