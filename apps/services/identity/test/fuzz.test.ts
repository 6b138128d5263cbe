import { randomInt } from "node:crypto";
import { fuzzProcedures, listProcedures } from "@marquee/testkit/fuzz-procedures";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAppRouter } from "../src/adapters/trpc/router";
import { register, startIdentity, type RunningIdentity } from "./harness";

let identity: RunningIdentity;
beforeAll(async () => {
  identity = await startIdentity();
}, 60_000);
afterAll(() => identity.stop());

describe("hostile input to every procedure", () => {
  it("answers every procedure's hostile inputs with a 4xx or 2xx that names no internals", async () => {
    const router = createAppRouter(identity.deps);
    const customer = await register(identity.base);
    const called = await fuzzProcedures({
      base: identity.base,
      router,
      tokens: [customer.accessToken],
      ids: [customer.user.id],
      // Failed sign-ins count per address: from an address of its own, this run's failures never
      // make another test file's sign-ins ask for a proof of work.
      localAddress: `127.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(2, 255)}`,
    });
    expect(called.sort()).toEqual(
      listProcedures(router)
        .map(({ path }) => path)
        .sort(),
    );
  }, 120_000);
});
