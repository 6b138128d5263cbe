/**
 * The headers every response of the web carries (set in `proxy.ts`). Scripts run only with this
 * request's nonce: Next reads it from the request's `content-security-policy` header and puts it on
 * its own inline and bundle scripts, and `'strict-dynamic'` lets those load the chunks they need.
 * Styles allow inline attributes (React's `style` props, the seat map's positions) but no
 * stylesheet from elsewhere; nothing may frame the site. The camera is the site's own (the check-in
 * desk scans QR codes with it), never an embedded page's; microphone, location and the rest are off.
 */
export const contentSecurityPolicy = (nonce: string, { dev }: { dev: boolean }): string =>
  [
    "default-src 'self'",
    // React's development build evaluates strings for its stack traces; production never does.
    // 'wasm-unsafe-eval' lets the check-in desk compile its QR decoder (WebAssembly served by the
    // site itself); it allows no JavaScript evaluation.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic' 'wasm-unsafe-eval'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    // Same-origin tRPC, the live seat map's EventSource; `next dev` also opens its HMR socket.
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    // The proof-of-work solver runs in Web Workers bundled with the app; the check-in desk's
    // service worker (public/door-sw.js, same origin) keeps it working offline.
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");

/**
 * Powerful features off for everyone, the site included. Only features Chromium knows: it reports
 * an unknown one (Web Bluetooth has no policy name there) as an error on every page.
 */
const DENIED_FEATURES = [
  "microphone",
  "geolocation",
  "payment",
  "usb",
  "serial",
  "hid",
  "display-capture",
  "interest-cohort",
];

export const securityHeaders = (nonce: string, opts: { dev: boolean }): Record<string, string> => ({
  "content-security-policy": contentSecurityPolicy(nonce, opts),
  // frame-ancestors covers current browsers; X-Frame-Options the ones that predate it.
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
  // A document's policy is fixed when it loads, and the desk is reached by client-side navigation
  // too, so the camera is allowed on every page of the site and in no frame or other origin.
  "permissions-policy": [
    "camera=(self)",
    ...DENIED_FEATURES.map((feature) => `${feature}=()`),
  ].join(", "),
});

/** A fresh nonce per response: 128 random bits, base64 (what CSP's nonce-source accepts). */
export const newNonce = (): string => {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
};
