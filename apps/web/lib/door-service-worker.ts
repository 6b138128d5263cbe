// Registers the check-in desk's service worker (public/door-sw.js) and asks it to keep the desk's
// page and the files it loaded, so the desk opens again without a network.

const SCOPE = "/organizer/check-in";

/** Whether the page is kept for opening offline; if not, why. */
export type DeskKept = { kept: true } | { kept: false; reason: string };

const reasonOf = (error: unknown): string =>
  error instanceof Error ? error.message : "the service worker did not answer";

/**
 * The registration's worker once it is activated. Not `navigator.serviceWorker.ready`: that waits
 * for a worker whose scope holds the address the page was first loaded at, and a desk reached by
 * navigating inside the app (after signing in) was first loaded elsewhere.
 */
const activated = (registration: ServiceWorkerRegistration): Promise<ServiceWorker> => {
  const worker = registration.active ?? registration.waiting ?? registration.installing;
  if (!worker) return Promise.reject(new Error("the service worker did not install"));
  if (worker.state === "activated") return Promise.resolve(worker);
  return new Promise((resolve, reject) => {
    worker.addEventListener("statechange", () => {
      if (worker.state === "activated") resolve(worker);
      else if (worker.state === "redundant")
        reject(new Error("the service worker failed to start"));
    });
  });
};

/**
 * Resolves once the worker has stored this page and its static files, or with why not (a browser
 * without service workers, a private window that refuses them, storage full).
 */
export const keepDeskOffline = async (): Promise<DeskKept> => {
  if (!("serviceWorker" in navigator)) {
    return { kept: false, reason: "this browser has no service workers" };
  }
  try {
    const worker = await activated(
      await navigator.serviceWorker.register("/door-sw.js", { scope: SCOPE }),
    );
    const files = performance
      .getEntriesByType("resource")
      .map((entry) => entry.name)
      .filter((name) => new URL(name).pathname.startsWith("/_next/static/"));
    const channel = new MessageChannel();
    const answer = new Promise<DeskKept>((resolve) => {
      channel.port1.onmessage = (event: MessageEvent<{ ok: boolean; message?: string }>) =>
        resolve(
          event.data.ok
            ? { kept: true }
            : { kept: false, reason: event.data.message ?? "the page could not be stored" },
        );
    });
    worker.postMessage({ type: "cache-desk", page: window.location.href, files }, [channel.port2]);
    return await answer;
  } catch (error) {
    return { kept: false, reason: reasonOf(error) };
  }
};
