import { describe, expect, it } from "vitest";
import { describeReplicas, parseReplicas, shareProcessFromEnv } from "./replicas.mjs";

const NAMES = ["identity", "inventory", "ordering"];

describe("REPLICAS", () => {
  it("gives every service one process unless named, `all` first and a named service over it", () => {
    expect(parseReplicas("", NAMES)).toEqual({ identity: 1, inventory: 1, ordering: 1 });
    expect(parseReplicas("inventory=2, all=3, identity=1", NAMES)).toEqual({
      identity: 1,
      inventory: 2,
      ordering: 3,
    });
  });

  it("names every mistake at once", () => {
    expect(() => parseReplicas("inventry=2,ordering=0,identity", NAMES)).toThrow(
      /unknown service "inventry"[\s\S]*ordering=0: the count must be a whole number[\s\S]*"identity" is not <service>=<count>/,
    );
  });
});

describe("the services' processes", () => {
  it("share one process unless SERVICES_SHARE_PROCESS=0, and refuse anything else by name", () => {
    expect(shareProcessFromEnv(undefined)).toBe(true);
    expect(shareProcessFromEnv("1")).toBe(true);
    expect(shareProcessFromEnv(" 0 ")).toBe(false);
    expect(() => shareProcessFromEnv("no")).toThrow('SERVICES_SHARE_PROCESS="no" is invalid');
  });

  it("are described as the stack runs them", () => {
    const one = { identity: 1, inventory: 1, ordering: 1 };
    const two = { identity: 1, inventory: 2, ordering: 1 };
    expect(describeReplicas(one)).toBe("one process each");
    expect(describeReplicas(one, { shared: true })).toBe("all 3 in one process, a thread each");
    expect(describeReplicas(two, { shared: true })).toBe("inventory ×2, the others in one process");
    expect(describeReplicas(two)).toBe("inventory ×2, the others one process each");
    expect(describeReplicas({ identity: 2 }, { shared: true })).toBe("identity ×2");
  });
});
