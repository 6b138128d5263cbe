import { describe, expect, it } from "vitest";
import { interpolate } from "../src/interpolate";

describe("compose interpolation", () => {
  it("uses the default when a variable is unset or empty, and the value when set", () => {
    expect(interpolate("a ${SECRET:-demo} b")).toBe("a demo b");
    expect(interpolate("${SECRET:-demo}", { SECRET: "" })).toBe("demo");
    expect(interpolate("${SECRET:-demo}", { SECRET: "mine" })).toBe("mine");
    expect(interpolate("${SECRET-demo}", { SECRET: "" })).toBe("");
  });

  it("reads $$ as a literal dollar and $NAME as a variable", () => {
    expect(interpolate('for t in a; do echo "$$t"; done')).toBe('for t in a; do echo "$t"; done');
    expect(interpolate("$HOME/x", { HOME: "/root" })).toBe("/root/x");
  });

  it("fails on a required variable that is unset", () => {
    expect(() => interpolate("${SECRET:?set SECRET}")).toThrow(/SECRET is required/);
  });
});
