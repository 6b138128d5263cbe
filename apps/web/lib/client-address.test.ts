import { describe, expect, it } from "vitest";
import { clientAddressOf, parseTrustedProxies, resolveClientAddress } from "./client-address";

const trusted = (value: string) => {
  const parsed = parseTrustedProxies(value);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.proxies;
};

describe("resolveClientAddress", () => {
  it("ignores a client's X-Forwarded-For when no proxy is trusted (the default)", () => {
    expect(
      resolveClientAddress({
        peer: "203.0.113.7",
        forwardedFor: "198.51.100.1",
        trusted: trusted(""),
      }),
    ).toBe("203.0.113.7");
  });

  it("ignores X-Forwarded-For from a peer that is not a trusted proxy", () => {
    expect(
      resolveClientAddress({
        peer: "203.0.113.7",
        forwardedFor: "198.51.100.1, 10.0.0.2",
        trusted: trusted("10.0.0.0/8"),
      }),
    ).toBe("203.0.113.7");
  });

  it("believes the hop a trusted proxy recorded, not what the client wrote before it", () => {
    expect(
      resolveClientAddress({
        peer: "10.0.0.5",
        forwardedFor: "6.6.6.6, 198.51.100.1",
        trusted: trusted("10.0.0.0/8"),
      }),
    ).toBe("198.51.100.1");
  });

  it("walks back through a chain of trusted proxies", () => {
    expect(
      resolveClientAddress({
        peer: "10.0.0.5",
        forwardedFor: ["6.6.6.6, 198.51.100.1", "10.0.0.9"],
        trusted: trusted("10.0.0.0/8"),
      }),
    ).toBe("198.51.100.1");
  });

  it("stops at a hop that is not an address", () => {
    expect(
      resolveClientAddress({
        peer: "127.0.0.1",
        forwardedFor: "198.51.100.1, not-an-ip",
        trusted: trusted("127.0.0.1"),
      }),
    ).toBe("127.0.0.1");
  });

  it("reads IPv4 peers of a dual-stack socket as IPv4", () => {
    expect(
      resolveClientAddress({
        peer: "::ffff:127.0.0.1",
        forwardedFor: "198.51.100.1",
        trusted: trusted("127.0.0.1"),
      }),
    ).toBe("198.51.100.1");
    expect(
      resolveClientAddress({
        peer: "::ffff:127.0.0.1",
        forwardedFor: undefined,
        trusted: trusted(""),
      }),
    ).toBe("127.0.0.1");
  });

  it("trusts IPv6 ranges", () => {
    expect(
      resolveClientAddress({
        peer: "::1",
        forwardedFor: "2001:db8::1",
        trusted: trusted("::1/128"),
      }),
    ).toBe("2001:db8::1");
  });
});

describe("parseTrustedProxies", () => {
  it.each(["proxy.local", "10.0.0.0/33", "10.0.0.1/8/2", "::1/129", "10.0.0.0/x"])(
    "refuses %j and names it",
    (value) => {
      const parsed = parseTrustedProxies(value);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.error).toContain(value);
    },
  );

  it("accepts addresses and ranges, spaces allowed", () => {
    const proxies = trusted(" 10.0.0.0/8 , 192.168.1.1,::1 ");
    expect(proxies.has("10.1.2.3")).toBe(true);
    expect(proxies.has("192.168.1.1")).toBe(true);
    expect(proxies.has("192.168.1.2")).toBe(false);
    expect(proxies.has("::1")).toBe(true);
  });
});

describe("clientAddressOf", () => {
  it("reads the address server.ts wrote", () => {
    expect(clientAddressOf(new Headers({ "x-forwarded-for": "198.51.100.1" }))).toBe(
      "198.51.100.1",
    );
    expect(clientAddressOf({ "x-forwarded-for": ["198.51.100.1"] })).toBe("198.51.100.1");
    expect(clientAddressOf({})).toBeNull();
  });
});
