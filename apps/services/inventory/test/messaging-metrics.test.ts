import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "@marquee/testkit/wait-for";
import type { ReservationView } from "../src/app/reservation-view";
import { callTrpc, startHarness, type Harness } from "./harness";

let h: Harness;

beforeAll(async () => {
  h = await startHarness({});
});

afterAll(async () => {
  await h?.stop();
});

const metrics = async () => (await fetch(`${h.baseUrl}/metrics`)).text();
const countOf = (text: string, pattern: RegExp) =>
  text
    .split("\n")
    .filter((line) => pattern.test(line))
    .reduce((sum, line) => sum + Number(line.split(" ").at(-1)), 0);

describe("messaging metrics", () => {
  it("counts consumer batches and outbox relay batches on /metrics", async () => {
    const before = await metrics();
    const { eventId, seats } = await h.stockEvent({ seats: 2 });
    const { token } = await h.issuer.tokenFor();
    const held = await callTrpc<ReservationView>(
      h.baseUrl,
      "reserve",
      { eventId, seatIds: [seats[0]!.seatId] },
      { token },
    );
    expect(held.ok).toBe(true);

    const catalogBatches = /^consumer_batch_events_count\{[^}]*topic="catalog\.events"/;
    const relayBatches = /^outbox_relay_batch_rows_count\{/;
    await waitFor("a consumer batch and a relay batch counted", async () => {
      const after = await metrics();
      return (
        countOf(after, catalogBatches) > countOf(before, catalogBatches) &&
        countOf(after, relayBatches) > countOf(before, relayBatches)
      );
    });
    const after = await metrics();
    // Labelled with the consumer group: the harness's own (`inventory-test-…` + `.catalog`).
    const group = h.groupOf("catalog").replaceAll(".", "\\.");
    expect(after).toMatch(
      new RegExp(`^consumer_batch_duration_seconds_bucket\\{[^}]*group="${group}"`, "m"),
    );
    expect(after).toMatch(/^outbox_wait_seconds_count\{[^}]*service="inventory"/m);
  });
});
