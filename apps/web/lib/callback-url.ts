/**
 * Where to go after signing in: a path on this site, or `/`. Browsers read `//host`, `/\host`,
 * and a path with a tab or newline before a slash (which they strip) as another host, and decode
 * `%09` and friends before some of those checks, so the value is judged after decoding and
 * must be a plain path: one leading `/`, no backslash, no control character, and a URL parse
 * against a dummy origin that stays on that origin.
 */
export const safeCallbackPath = (value: string | null | undefined): string => {
  if (!value) return "/";
  let decoded = value;
  // Decode until stable (a bounded number of times): `%2509` is `%09` once decoded, a tab twice.
  for (let round = 0; round < 3; round += 1) {
    let next: string;
    try {
      next = decodeURIComponent(decoded);
    } catch {
      return "/";
    }
    if (next === decoded) break;
    decoded = next;
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(decoded)) return "/";
  if (!decoded.startsWith("/") || decoded.startsWith("//")) return "/";
  const base = "http://callback.invalid";
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return "/";
  }
  if (url.origin !== base) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
};

/**
 * next-auth's `redirect` callback: same-site paths and absolute URLs on the site's own origin pass
 * (the latter reduced to their path); anything else goes to the site's root.
 */
export const safeRedirect = ({ url, baseUrl }: { url: string; baseUrl: string }): string => {
  const origin = new URL(baseUrl).origin;
  let candidate = url;
  if (!url.startsWith("/")) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return `${origin}/`;
    }
    if (parsed.origin !== origin) return `${origin}/`;
    candidate = `${parsed.pathname}${parsed.search}${parsed.hash}`;
  }
  const path = safeCallbackPath(candidate);
  return `${origin}${path}`;
};
