import { expect, test } from "@playwright/test";
import { testEnv } from "@marquee/testkit/test-env";
import { newTraceParent, readTrace } from "@marquee/testkit/zipkin";
import {
  confirmWheelchairSpace,
  continueAsGuest,
  focusFirstSeat,
  guestEmail,
  openSeatMap,
  payByCard,
  publishEvent,
} from "./support/storefront";

const ZIPKIN = `http://127.0.0.1:${testEnv.zipkinPort}`;

const servicesIn = async (traceId: string): Promise<string[]> => {
  const spans = await readTrace(ZIPKIN, traceId);
  return [...new Set(spans.map((span) => span.localEndpoint?.serviceName ?? "?"))].sort();
};

test("one purchase in the browser is one trace, from the web's requests to the tickets email", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(150_000);
  const event = await publishEvent({ seats: 10 });
  // The browser starts the trace, as a browser instrumented with OpenTelemetry would: every
  // request of this visit carries it, and the web continues it in each of its own.
  const { traceId, traceparent } = newTraceParent();
  const context = await browser.newContext({ baseURL, extraHTTPHeaders: { traceparent } });
  const page = await context.newPage();
  const email = guestEmail();

  await openSeatMap(page, event.eventId);
  await focusFirstSeat(page);
  await page.keyboard.press("Enter");
  await confirmWheelchairSpace(page);
  await continueAsGuest(page, email);
  await expect(page.getByTestId("cart").getByText("Floor, row A, seat 1")).toBeVisible();
  await page.getByTestId("cart").getByRole("button", { name: "Checkout" }).click();
  await payByCard(page, "4242 4242 4242 4242");
  await expect(page.getByTestId("email-status")).toContainText(`emailed to ${email}`, {
    timeout: 60_000,
  });

  // The web's spans, then each service's through its HTTP calls, outbox rows and Kafka headers,
  // down to notification's SMTP send. Spans leave each process in batches every second.
  await expect
    .poll(() => servicesIn(traceId), { timeout: 30_000, intervals: [500] })
    .toEqual(
      expect.arrayContaining([
        "web",
        "inventory",
        "ordering",
        "payment",
        "fulfillment",
        "notification",
      ]),
    );
  await context.close();
});
