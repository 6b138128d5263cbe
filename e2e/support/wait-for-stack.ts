import { services } from "./services";

// Playwright's web server check only sees the web app; the journeys also need every service ready.
export default async function waitForStack(): Promise<void> {
  const deadline = Date.now() + 180_000;
  for (const [name, port] of services) {
    for (;;) {
      const status = await fetch(`http://127.0.0.1:${port}/readyz`, {
        signal: AbortSignal.timeout(2_000),
      })
        .then((res) => res.status)
        .catch(() => 0);
      if (status === 200) break;
      if (Date.now() > deadline) throw new Error(`${name} (port ${port}) did not become ready`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
