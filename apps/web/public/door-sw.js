/* global self, caches */
// The check-in desk's service worker (registered by the desk, scope /organizer/check-in): it keeps
// the desk's page and the app's static files, so a desk reloaded without a network still opens and
// checks scans against the list it downloaded. Hand-written: nothing else of the site is cached.
//
// - The desk's page: network first (always the newest when online), its last copy otherwise.
// - /_next/static/ (content-hashed, never changes under one name) and the camera's QR decoder
//   (/qr-decoder.wasm, its version in the query): cache first.
// - Everything else (tRPC, auth, images) goes to the network as if there were no worker.
// The desk asks it to store the page it is on and the files that page loaded ("cache-desk"), since
// a page loaded before its worker started was not seen by it.

const CACHE = "marquee-door-v1";
const DESK_PATH = "/organizer/check-in";

self.addEventListener("install", () => {
  self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("marquee-door-") && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

/** The page is stored under its path alone: one copy whichever event and list it opened. */
const deskKey = () => new Request(new URL(DESK_PATH, self.location.origin).href);

const isDesk = (url) => url.pathname === DESK_PATH || url.pathname === `${DESK_PATH}/`;

const keep = async (key, response) => {
  if (!response.ok || response.redirected || response.type !== "basic") return;
  const cache = await caches.open(CACHE);
  await cache.put(key, response);
};

const deskPage = async (request) => {
  try {
    const response = await fetch(request);
    await keep(deskKey(), response.clone());
    return response;
  } catch {
    const cached = await caches.match(deskKey());
    if (cached) return cached;
    return new Response(
      "The check-in desk has not been opened on this device while online yet: open it once with a network.",
      { status: 503, headers: { "content-type": "text/plain; charset=utf-8" } },
    );
  }
};

const staticFile = async (request) => {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  await keep(request, response.clone());
  return response;
};

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate" && isDesk(url)) {
    event.respondWith(deskPage(request));
  } else if (url.pathname.startsWith("/_next/static/") || url.pathname === "/qr-decoder.wasm") {
    event.respondWith(staticFile(request));
  }
});

self.addEventListener("message", (event) => {
  const data = event.data;
  const port = event.ports[0];
  if (!data || data.type !== "cache-desk" || !port) return;
  event.waitUntil(
    (async () => {
      try {
        // The page as the desk has it open (its event and list in the address), or the bare desk.
        const asked =
          typeof data.page === "string" ? new URL(data.page, self.location.origin) : null;
        const address =
          asked && asked.origin === self.location.origin && isDesk(asked)
            ? asked.href
            : new URL(DESK_PATH, self.location.origin).href;
        const page = await fetch(address, { credentials: "same-origin" });
        if (!page.ok || page.redirected) throw new Error(`the desk answered ${page.status}`);
        await keep(deskKey(), page);
        const files = (Array.isArray(data.files) ? data.files : []).filter((file) => {
          const url = new URL(file, self.location.origin);
          return url.origin === self.location.origin && url.pathname.startsWith("/_next/static/");
        });
        await Promise.all(
          files.map(async (file) => {
            if (await caches.match(file)) return;
            await keep(new Request(file), await fetch(file));
          }),
        );
        port.postMessage({ ok: true });
      } catch (error) {
        port.postMessage({ ok: false, message: String(error) });
      }
    })(),
  );
});
