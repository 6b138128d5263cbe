import { describe, expect, it } from "vitest";
import { checkAdoptionCap } from "./adopt-guest-holds-rules";

describe("checkAdoptionCap", () => {
  it("lets the account reach the cap exactly, and refuses one seat more", () => {
    expect(checkAdoptionCap("e", 2, 2, 4)).toBeNull();
    expect(checkAdoptionCap("e", 3, 2, 4)).toEqual({
      kind: "over-customer-cap",
      eventId: "e",
      held: 3,
      adding: 2,
      cap: 4,
    });
  });
});
