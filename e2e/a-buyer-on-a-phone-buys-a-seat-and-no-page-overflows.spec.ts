import { expect, test } from "@playwright/test";
import { expectNoSidewaysScroll, NARROW_PHONE, PHONE, tapMiddleOf } from "./support/phone";
import {
  continueAsGuest,
  guestEmail,
  payByCard,
  publishEvent,
  screenshot,
} from "./support/storefront";

test.use({ viewport: PHONE, hasTouch: true });

test("a buyer on a phone taps into a big map, holds a seat, pays, and no page scrolls sideways", async ({
  page,
}) => {
  test.setTimeout(120_000);
  // Two rows of 200 seats: fitted to a phone, each seat is under 2 px wide.
  const event = await publishEvent({ seats: 400, priceCents: 125_000 });

  await page.goto(`/?q=${encodeURIComponent(event.name)}`);
  const card = page.getByRole("listitem").filter({ hasText: event.name });
  await expect(card).toContainText("€1,250.00");
  await expectNoSidewaysScroll(page, "the storefront");
  await page.setViewportSize(NARROW_PHONE);
  await expectNoSidewaysScroll(page, "the storefront at 360 px");
  await page.setViewportSize(PHONE);
  await screenshot(page, "phone-events");

  await card.getByRole("link", { name: event.name }).click();
  const map = page.getByTestId("seat-map");
  await expect(map).toHaveAttribute("data-ready", "true");
  await expect(page.getByTestId("live-status")).toHaveText("Live");
  await expect(page.getByTestId("availability")).toContainText("400 available");
  await expectNoSidewaysScroll(page, "the event page");

  // Fitted, the map leaves vertical swipes to the page; a tap on seats that small zooms in
  // around the finger instead of holding a seat nobody could see.
  await expect(map).toHaveCSS("touch-action", "pan-y");
  await tapMiddleOf(page, "seat-map");
  await expect(map).toHaveCSS("touch-action", "none");
  await expect(page.getByRole("heading", { name: "Who are these seats for?" })).toHaveCount(0);
  await expect(page.getByTestId("cart")).toContainText("Pick seats on the map");

  // Zoomed in, the same tap holds the seat under it.
  await tapMiddleOf(page, "seat-map");
  await continueAsGuest(page, guestEmail());
  await expect(
    page.getByTestId("cart").getByText(/^Section Floor, row A, seat \d+$/),
  ).toBeVisible();

  // The cart is below the map; a bar at the bottom of the screen says what is held.
  const bar = page.getByTestId("cart-bar");
  await expect(bar).toBeInViewport();
  await expect(bar).toContainText("1 seat held · €1,250.00");
  await expect(bar.getByTestId("countdown")).toHaveText(/^1[45]:\d\d$/);
  await expectNoSidewaysScroll(page, "the event page with a seat held");
  await screenshot(page, "phone-seat-held");

  await bar.getByRole("button", { name: "Checkout" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Checkout" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Pay €1,250.00" })).toBeVisible();
  await expectNoSidewaysScroll(page, "checkout");
  await page.setViewportSize(NARROW_PHONE);
  await expectNoSidewaysScroll(page, "checkout at 360 px");
  // The security code was cut off at the screen's right edge; scrolled to, it shows whole.
  await page.getByLabel("Security code").scrollIntoViewIfNeeded();
  await expect(page.getByLabel("Security code")).toBeInViewport({ ratio: 1 });
  await screenshot(page, "phone-checkout");
  await page.setViewportSize(PHONE);

  await payByCard(page, "4242 4242 4242 4242");
  await expect(page.getByRole("heading", { level: 1, name: /your order is in/ })).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByRole("img", { name: /^QR code of ticket / })).toHaveCount(1, {
    timeout: 30_000,
  });
  await expectNoSidewaysScroll(page, "the order confirmation");
  await screenshot(page, "phone-confirmation");
});
