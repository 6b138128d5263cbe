import { BlockList, isIP } from "node:net";

/** The proxies whose `X-Forwarded-For` the web believes (TRUSTED_PROXIES), as a lookup. */
export type TrustedProxies = { readonly entries: readonly string[]; has(address: string): boolean };

const familyOf = (address: string) => (isIP(address) === 6 ? "ipv6" : "ipv4");

// Node reports IPv4 peers on a dual-stack socket as `::ffff:a.b.c.d`.
const unmapped = (address: string) =>
  /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(address) ? address.slice(7) : address;

/**
 * TRUSTED_PROXIES: comma-separated addresses and CIDR ranges (`10.0.0.0/8`, `::1`). Empty: no
 * proxy is trusted, and the socket's peer is the client.
 */
export const parseTrustedProxies = (
  value: string,
): { ok: true; proxies: TrustedProxies } | { ok: false; error: string } => {
  const entries = value
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const list = new BlockList();
  for (const entry of entries) {
    const [address = "", bits, extra] = entry.split("/");
    const family = isIP(address);
    const prefix = Number(bits);
    const maxPrefix = family === 6 ? 128 : 32;
    if (
      family === 0 ||
      extra !== undefined ||
      (bits !== undefined && (!/^\d+$/.test(bits) || prefix > maxPrefix))
    ) {
      return { ok: false, error: `"${entry}" is not an IP address or CIDR range` };
    }
    if (bits === undefined) list.addAddress(address, familyOf(address));
    else list.addSubnet(address, prefix, familyOf(address));
  }
  return {
    ok: true,
    proxies: {
      entries,
      has: (address) => {
        const plain = unmapped(address);
        return isIP(plain) !== 0 && list.check(plain, familyOf(plain));
      },
    },
  };
};

/**
 * The browser's address as the web can vouch for it: the socket's peer, unless that peer is a
 * trusted proxy; then the `X-Forwarded-For` hops are read from the right (the proxy's own entry
 * first) and the first one that is not itself a trusted proxy is the client. A header sent by
 * anyone else is ignored, so a client cannot choose the address the throttles count it under.
 */
export const resolveClientAddress = ({
  peer,
  forwardedFor,
  trusted,
}: {
  peer: string | undefined;
  forwardedFor: string | string[] | undefined;
  trusted: TrustedProxies;
}): string | undefined => {
  const socketPeer = peer ? unmapped(peer) : undefined;
  if (!socketPeer || !trusted.has(socketPeer)) return socketPeer;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map((hop) => unmapped(hop.trim()))
    .filter(Boolean);
  let client = socketPeer;
  for (const hop of hops.reverse()) {
    if (isIP(hop) === 0) break;
    client = hop;
    if (!trusted.has(hop)) break;
  }
  return client;
};

/**
 * The header `server.ts` writes the resolved address into before Next sees the request
 * (overwriting whatever the client sent), and the web reads it from: server components, route
 * handlers, next-auth and the tRPC context alike.
 */
export const CLIENT_ADDRESS_HEADER = "x-forwarded-for";

/** The client's address on a request that went through `server.ts`, or null. */
export const clientAddressOf = (
  headers: Pick<Headers, "get"> | Record<string, string | string[] | undefined>,
): string | null => {
  const value =
    typeof headers.get === "function"
      ? (headers as Pick<Headers, "get">).get(CLIENT_ADDRESS_HEADER)
      : (headers as Record<string, string | string[] | undefined>)[CLIENT_ADDRESS_HEADER];
  const text = Array.isArray(value) ? value.at(-1) : value;
  return text?.split(",").at(-1)?.trim() || null;
};
