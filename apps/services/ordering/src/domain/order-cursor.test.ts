import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "./order-cursor";

describe("order history cursor", () => {
  it("round-trips the position of an order", () => {
    const position = {
      createdAt: new Date("2026-11-25T21:00:00.123Z"),
      orderId: "0b7c0a6e-0a39-4b39-9a0e-3b1a2a0f8d11",
    };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it.each([
    "",
    "nonsense",
    Buffer.from("2026-11-25T21:00:00.000Z|not-a-uuid").toString("base64url"),
  ])("rejects %j", (text) => {
    expect(decodeCursor(text)).toBeNull();
  });
});
