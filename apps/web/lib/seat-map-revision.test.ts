import { describe, expect, it } from "vitest";
import { mapIsCurrent, readyRevision } from "./seat-map-revision";

describe("whether the page's seat map needs fetching again after the feed's ready", () => {
  it("keeps a map at least as recent as the feed's revision", () => {
    expect(mapIsCurrent(12, 12)).toBe(true);
    expect(mapIsCurrent(13, 12)).toBe(true);
  });

  it("fetches again when the map is older, or either revision is unknown", () => {
    expect(mapIsCurrent(11, 12)).toBe(false);
    expect(mapIsCurrent(null, 12)).toBe(false);
    expect(mapIsCurrent(undefined, 12)).toBe(false);
    expect(mapIsCurrent(12, null)).toBe(false);
  });

  it("reads the revision of a ready message, and null from one without a readable one", () => {
    expect(readyRevision('{"revision":1796169600123457}')).toBe(1796169600123457);
    expect(readyRevision('{"revision":null}')).toBeNull();
    expect(readyRevision("{}")).toBeNull();
    expect(readyRevision('{"revision":"12"}')).toBeNull();
    expect(readyRevision("not json")).toBeNull();
    expect(readyRevision("null")).toBeNull();
  });
});
