import { fuzzProcedures, listProcedures } from "@marquee/testkit/fuzz-procedures";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAppRouter } from "../src/adapters/trpc/router";
import { startSaga, type Saga } from "./harness";

let s: Saga;
beforeAll(async () => {
  s = await startSaga();
}, 60_000);
afterAll(async () => {
  await s?.stop();
});

describe("hostile input to every procedure", () => {
  it("answers every procedure's hostile inputs with a 4xx or 2xx that names no internals", async () => {
    // Only the procedures' names and input schemas are read from this router.
    const router = createAppRouter({} as never);
    const customer = await s.customer();
    const admin = await s.customer("admin");
    const { eventId, seats } = await s.stockEvent({ seats: 4 });
    const hold = await s.hold(customer, eventId, [seats[0]!.seatId]);
    const called = await fuzzProcedures({
      base: s.urls.ordering,
      router,
      tokens: [customer.token, admin.token],
      ids: [eventId, hold.reservationId, seats[1]!.seatId],
    });
    expect(called.sort()).toEqual(
      listProcedures(router)
        .map(({ path }) => path)
        .sort(),
    );
  }, 120_000);
});
