import { describe, expect, it } from "vitest";
import { validateCard } from "./card";
import { createSimulatedGateway } from "./gateway";

const valid = (number: string) => {
  const result = validateCard(
    { number, expMonth: 12, expYear: 2030, cvc: "123" },
    new Date("2026-01-01Z"),
  );
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};

const instant = () => {
  const waits: number[] = [];
  const gateway = createSimulatedGateway({
    random: () => 0.5,
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
  });
  return { gateway, waits };
};

const charge = (number: string) =>
  instant().gateway.charge({ card: valid(number), amountCents: 4_500, currency: "EUR" });

describe("simulated gateway", () => {
  it("approves 4242 4242 4242 4242", async () => {
    expect(await charge("4242424242424242")).toEqual({
      status: "succeeded",
      brand: "visa",
      last4: "4242",
    });
  });

  it("declines 4000 0000 0000 0002 with card_declined", async () => {
    expect(await charge("4000000000000002")).toMatchObject({
      status: "failed",
      reason: "card_declined",
      last4: "0002",
    });
  });

  it("declines 4000 0000 0000 9995 with insufficient_funds", async () => {
    expect(await charge("4000000000009995")).toMatchObject({
      status: "failed",
      reason: "insufficient_funds",
      last4: "9995",
    });
  });

  it("approves any other valid number", async () => {
    expect(await charge("5555555555554444")).toEqual({
      status: "succeeded",
      brand: "mastercard",
      last4: "4444",
    });
  });

  it("answers after a latency between 100 and 500 ms", async () => {
    const latencies = [0, 0.999999].map(async (r) => {
      const waits: number[] = [];
      await createSimulatedGateway({
        random: () => r,
        sleep: (ms) => {
          waits.push(ms);
          return Promise.resolve();
        },
      }).charge({ card: valid("4242424242424242"), amountCents: 1, currency: "EUR" });
      return waits;
    });
    expect(await Promise.all(latencies)).toEqual([[100], [500]]);
  });

  it("returns nothing of the card beyond brand and last four digits", async () => {
    const outcome = await charge("4000000000000002");
    expect(JSON.stringify(outcome)).not.toContain("4000000000000002");
  });
});
