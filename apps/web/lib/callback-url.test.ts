import { describe, expect, it } from "vitest";
import { authOptions } from "./auth-options";
import { safeCallbackPath, safeRedirect } from "./callback-url";

// Each of these, given to a browser as a location on http://localhost:3000, leaves the site.
const OFF_SITE = [
  "//evil.example/",
  "/\\evil.example/",
  "\\\\evil.example/",
  "/\t/evil.example/",
  "/\n/evil.example/",
  "/%09/evil.example/",
  "/%0a/evil.example/",
  "/%2509/evil.example/",
  "/%2F/evil.example/",
  "%2F%2Fevil.example",
  "/%5Cevil.example/",
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  " javascript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "https://evil.example/",
  "http://localhost:3000@evil.example/",
  "evil.example",
  "",
];

describe("safeCallbackPath", () => {
  it.each(OFF_SITE)("sends %j to the site's root", (value) => {
    expect(safeCallbackPath(value)).toBe("/");
  });

  it("keeps a same-site path with its query and fragment", () => {
    expect(safeCallbackPath("/events/abc?seat=3#map")).toBe("/events/abc?seat=3#map");
    expect(safeCallbackPath("/organizer")).toBe("/organizer");
  });

  it("keeps a path that was sent URL-encoded, as the site's own links send it", () => {
    expect(safeCallbackPath(decodeURIComponent(encodeURIComponent("/orders/123")))).toBe(
      "/orders/123",
    );
  });

  it("sends a missing value to the root", () => {
    expect(safeCallbackPath(null)).toBe("/");
    expect(safeCallbackPath(undefined)).toBe("/");
  });
});

describe("the sign-in redirect callback", () => {
  const baseUrl = "http://localhost:3000";
  const redirect = authOptions.callbacks?.redirect;

  it("is the safe one", () => {
    expect(redirect).toBe(safeRedirect);
  });

  it.each(OFF_SITE)("sends %j to the site's root", async (url) => {
    expect(await redirect?.({ url, baseUrl })).toBe(`${baseUrl}/`);
  });

  it.each(OFF_SITE.filter((url) => url.startsWith("/")))(
    "sends the site's own origin followed by %j to the root",
    async (path) => {
      expect(await redirect?.({ url: `${baseUrl}${path}`, baseUrl })).toBe(`${baseUrl}/`);
    },
  );

  it("keeps same-site paths and absolute URLs on the site", async () => {
    expect(await redirect?.({ url: "/account/orders", baseUrl })).toBe(`${baseUrl}/account/orders`);
    expect(await redirect?.({ url: `${baseUrl}/organizer?tab=sales`, baseUrl })).toBe(
      `${baseUrl}/organizer?tab=sales`,
    );
  });

  it("refuses another port or scheme of the same host", async () => {
    expect(await redirect?.({ url: "http://localhost:4000/", baseUrl })).toBe(`${baseUrl}/`);
    expect(await redirect?.({ url: "https://localhost:3000/x", baseUrl })).toBe(`${baseUrl}/`);
  });
});
