import { expect, test } from "@playwright/test";
import { webCall } from "./support/on-sale";
import {
  confirmWheelchairSpace,
  continueAsGuest,
  focusFirstSeat,
  guestEmail,
  openSeatMap,
  publishEvent,
  screenshot,
} from "./support/storefront";

test("a visitor sees the countdown to the opening, cannot hold before it, holds a seat once sales open, and sees them close", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  // Far enough ahead that the set-up and the page load finish before it, on a loaded machine too.
  const opensAt = Date.now() + 40_000;
  const closesAt = opensAt + 45_000;
  const event = await publishEvent({
    seats: 10,
    onSale: {
      salesOpenAt: new Date(opensAt).toISOString(),
      salesCloseAt: new Date(closesAt).toISOString(),
    },
  });
  // A visitor far from the venue sees the opening in the venue's zone and in their own.
  const page = await (
    await browser.newContext({ baseURL, timezoneId: "Pacific/Auckland" })
  ).newPage();

  await openSeatMap(page, event.eventId);
  await expect(page.getByRole("heading", { level: 2, name: "Sales open soon" })).toBeVisible();
  await expect(page.getByTestId("sales-open-at")).toHaveAttribute(
    "datetime",
    new Date(opensAt).toISOString(),
  );
  await expect(page.getByText(/\(your time: .*GMT\+1[23]\)/)).toBeVisible();
  await expect(page.getByTestId("sales-countdown")).toHaveText(/^0:[0-4]\d$/);
  const shown = await page.getByTestId("sales-countdown").textContent();
  await expect(page.getByTestId("sales-countdown")).not.toHaveText(shown ?? "");
  await expect(page.getByTestId("seat-map-locked")).toContainText("Sales open");
  await screenshot(page, "sales-countdown");

  // Before the opening the map shows but a seat cannot be held, and the page says why.
  await focusFirstSeat(page);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("seat-map-message")).toContainText("Sales open");
  await expect(page.getByRole("heading", { name: "Who are these seats for?" })).toHaveCount(0);

  // Once the countdown reaches zero the same page holds seats, without a reload.
  await expect(page.getByRole("heading", { level: 2, name: "On sale now" })).toBeVisible({
    timeout: 60_000,
  });
  await expect(page.getByTestId("seat-map-locked")).toHaveCount(0);
  // Back on the map, focus is on the seat the visitor left it on.
  await page.getByTestId("seat-map").focus();
  await expect(page.getByTestId("focused-seat")).toContainText("row A, seat 1");
  await page.keyboard.press("Enter");
  await confirmWheelchairSpace(page);
  await continueAsGuest(page, guestEmail());
  // The guest box solves a proof of work before the hold: slow on a loaded machine.
  await expect(page.getByTestId("cart").getByText("Floor, row A, seat 1")).toBeVisible({
    timeout: 30_000,
  });

  // At the close the page says so, and inventory refuses new holds.
  await expect(page.getByRole("heading", { level: 2, name: "Sales closed" })).toBeVisible({
    timeout: 75_000,
  });
  await page.getByTestId("seat-map").focus();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("seat-map-message")).toHaveText(
    "Sales for this event have closed.",
  );
  const { seatIds } = (
    await webCall(page, "events.seatIds", { eventId: event.eventId, section: 0 }, "query")
  ).body.result?.data as { seatIds: string[] };
  const late = await webCall(page, "cart.hold", { eventId: event.eventId, seatIds: [seatIds[3]] });
  expect(late.status).toBe(412);
  expect(late.body.error?.message).toMatch(/^Sales for this event closed at /);
});
