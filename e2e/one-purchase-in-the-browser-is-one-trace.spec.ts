import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import {
  confirmWheelchairSpace,
  continueAsGuest,
  focusFirstSeat,
  guestEmail,
  openSeatMap,
  payByCard,
  publishEvent,
} from "./support/storefront";

const ZIPKIN = `http://127.0.0.1:${process.env.TEST_ZIPKIN_PORT ?? 19411}`;

type Span = { name?: string; localEndpoint?: { serviceName?: string } };

const servicesIn = async (traceId: string): Promise<string[]> => {
  const response = await fetch(`${ZIPKIN}/api/v2/trace/${traceId}`);
  if (response.status === 404) return [];
  if (!response.ok) throw new Error(`Zipkin answered ${response.status} for trace ${traceId}`);
  const spans = (await response.json()) as Span[];
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
  const traceId = randomBytes(16).toString("hex");
  const context = await browser.newContext({
    baseURL,
    extraHTTPHeaders: { traceparent: `00-${traceId}-${randomBytes(8).toString("hex")}-01` },
  });
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
