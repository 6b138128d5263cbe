/// <reference lib="dom" />
// The functions passed to page.evaluate run in the browser.
import { expect, test } from "@playwright/test";
import {
  confirmWheelchairSpace,
  focusFirstSeat,
  guestEmail,
  openSeatMap,
  publishEvent,
} from "../support/storefront";

// What the browser check costs a visitor in Chromium: (1) the guest box's "Checking your
// browser…" from click to done (challenge fetch + solve in the page's Web Workers), in fresh
// pages; (2) identity's challenge solved on one thread with WebCrypto PBKDF2, as altcha-lib's web
// deriveKey does, for a per-attempt figure. Printed, not asserted.
//   npm run bench -- --only proof-of-work

const GATE_RUNS = Number(process.env.GATE_RUNS ?? 3);
const SINGLE_THREAD_RUNS = Number(process.env.SINGLE_THREAD_RUNS ?? 5);

test("proof of work: the guest box's browser check, and one-thread solve time", async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const gateMs: number[] = [];
  for (let run = 0; run < GATE_RUNS; run += 1) {
    const event = await publishEvent({ seats: 10 });
    const context = await browser.newContext();
    const page = await context.newPage();
    await openSeatMap(page, event.eventId);
    await focusFirstSeat(page);
    await page.keyboard.press("Enter");
    await confirmWheelchairSpace(page);
    await page.getByLabel("Email for your tickets").fill(guestEmail());
    const checking = page.getByRole("status").filter({ hasText: "Checking your browser…" });
    const started = Date.now();
    await page.getByRole("button", { name: "Continue as guest" }).click();
    await expect(checking).toBeVisible();
    await expect(checking).toBeHidden({ timeout: 60_000 });
    gateMs.push(Date.now() - started);
    await context.close();
  }

  const page = await browser.newPage();
  await page.goto("/");
  const single = await page.evaluate(async (runs) => {
    const hex = (text: string) =>
      new Uint8Array((text.match(/../g) ?? []).map((byte) => parseInt(byte, 16)));
    const out: { ms: number; attempts: number }[] = [];
    for (let run = 0; run < runs; run += 1) {
      const input = encodeURIComponent(JSON.stringify({ 0: { purpose: "guest" } }));
      const response = await fetch(`/api/trpc/proofOfWork.challenge?batch=1&input=${input}`);
      const [{ result }] = (await response.json()) as [
        {
          result: {
            data: {
              parameters: { nonce: string; salt: string; cost: number; keyPrefix: string };
            };
          };
        },
      ];
      const { nonce, salt, cost, keyPrefix } = result.data.parameters;
      const saltBytes = hex(salt);
      const password = new Uint8Array(nonce.length / 2 + 4);
      password.set(hex(nonce));
      const view = new DataView(password.buffer);
      const started = performance.now();
      for (let counter = 0; ; counter += 1) {
        view.setUint32(password.length - 4, counter);
        const key = await crypto.subtle.importKey("raw", password, "PBKDF2", false, ["deriveBits"]);
        const bits = await crypto.subtle.deriveBits(
          { name: "PBKDF2", salt: saltBytes, iterations: cost, hash: "SHA-256" },
          key,
          256,
        );
        const derived = [...new Uint8Array(bits)]
          .map((b) => b.toString(16).padStart(2, "0"))
          .join("");
        if (derived.startsWith(keyPrefix)) {
          out.push({ ms: performance.now() - started, attempts: counter + 1 });
          break;
        }
      }
    }
    return { out, cores: navigator.hardwareConcurrency };
  }, SINGLE_THREAD_RUNS);
  await page.close();

  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  const attempts = single.out.map((r) => r.attempts);
  const ms = single.out.map((r) => r.ms);
  console.log(`\nproof of work in Chromium (${single.cores} cores reported)`);
  console.log(
    `  guest box "Checking your browser…", click to done (${GATE_RUNS} runs): ${gateMs.join(", ")} ms; mean ${mean(gateMs).toFixed(0)} ms`,
  );
  console.log(
    `  one thread, WebCrypto PBKDF2 (${SINGLE_THREAD_RUNS} challenges): mean ${mean(ms).toFixed(0)} ms for ${mean(attempts).toFixed(0)} attempts (${(mean(ms) / mean(attempts)).toFixed(2)} ms each)`,
  );
});
