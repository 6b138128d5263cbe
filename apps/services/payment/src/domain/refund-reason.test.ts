import { describe, expect, it } from "vitest";
import { confirmationFailedReason } from "./refund-reason";

describe("confirmationFailedReason", () => {
  it("names a single unavailable seat and inventory's reason", () => {
    expect(confirmationFailedReason(["b"], "hold expired")).toBe(
      "seat no longer available: b (hold expired)",
    );
  });

  it("names every unavailable seat once, in a stable order", () => {
    expect(confirmationFailedReason(["c", "a", "c"], "sold")).toBe(
      "seats no longer available: a, c (sold)",
    );
  });
});
