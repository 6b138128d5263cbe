import { describe, expect, it } from "vitest";
import { isOffLimitsToDoorStaff } from "./door-staff-paths";

describe("isOffLimitsToDoorStaff", () => {
  it("keeps door staff out of the organizer area except the check-in desk", () => {
    expect(isOffLimitsToDoorStaff("/organizer")).toBe(true);
    expect(isOffLimitsToDoorStaff("/organizer/events/new")).toBe(true);
    expect(isOffLimitsToDoorStaff("/organizer/door-staff")).toBe(true);
    expect(isOffLimitsToDoorStaff("/organizer/check-in")).toBe(false);
    expect(isOffLimitsToDoorStaff("/organizer/check-in/gate-b")).toBe(false);
    // Not fooled by a page whose name merely starts like the desk's.
    expect(isOffLimitsToDoorStaff("/organizer/check-in-report")).toBe(true);
  });

  it("keeps them out of account, checkout and order pages, not the storefront or sign-in", () => {
    expect(isOffLimitsToDoorStaff("/account/orders")).toBe(true);
    expect(isOffLimitsToDoorStaff("/checkout/123")).toBe(true);
    expect(isOffLimitsToDoorStaff("/orders/123")).toBe(true);
    expect(isOffLimitsToDoorStaff("/")).toBe(false);
    expect(isOffLimitsToDoorStaff("/sign-in")).toBe(false);
    expect(isOffLimitsToDoorStaff("/events/abc")).toBe(false);
    expect(isOffLimitsToDoorStaff("/organizers")).toBe(false);
  });
});
