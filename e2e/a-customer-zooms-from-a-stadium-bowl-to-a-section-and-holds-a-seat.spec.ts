import { expect, test } from "@playwright/test";
import { PHONE } from "./support/phone";
import { continueAsGuest, guestEmail, openSeatMap, publishEvent } from "./support/storefront";

/** A bowl of eight curved sections around a pitch, each facing its centre (catalog's placement). */
const RADIUS = 30;
const ROWS = 20;
const bowl = {
  tiers: [
    { name: "Sides", priceCents: 6_000 },
    { name: "Ends", priceCents: 3_500 },
  ],
  stage: { label: "Pitch", shape: "rectangle", x: 0, y: 0, width: 36, height: 24 },
  sections: Array.from({ length: 8 }, (_, i) => {
    const angle = -90 + i * 45;
    const rad = (angle * Math.PI) / 180;
    return {
      name: `Block ${i + 1}`,
      rows: ROWS,
      seatsPerRow: 22,
      tier: i % 4 === 0 ? "Sides" : "Ends",
      placement: {
        x: RADIUS * Math.cos(rad),
        y: RADIUS * Math.sin(rad),
        rotation: angle - 90,
        radius: RADIUS,
      },
    };
  }),
};

test("at the fitted view a customer clicks a section of a stadium bowl, the map zooms to it with its rows labelled, and they hold a seat there", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const event = await publishEvent({ layout: bowl });
  const map = await openSeatMap(page, event.eventId);

  // Fitted: 3,520 seats are specks, so the map shows the sections, and no minimap.
  await expect(map).toHaveAttribute("data-view", "sections");
  await expect(page.getByTestId("seat-map-minimap")).toBeHidden();

  // Block 1 sits above the pitch: its middle is straight up from the centre of the map.
  const box = await map.boundingBox();
  if (!box) throw new Error("the seat map has no box");
  const fitted = Math.min(box.width, box.height) / (2 * (RADIUS + ROWS - 0.5) * 12 + 60);
  const blockMiddle = (RADIUS + ROWS / 2) * 12 * fitted;
  await map.click({ position: { x: box.width / 2, y: box.height / 2 - blockMiddle } });

  // Zoomed to the section: seats drawn, rows labelled, the minimap shows where we are.
  await expect(map).toHaveAttribute("data-view", "seats");
  await expect(map).not.toHaveAttribute("data-row-labels", "0");
  await expect(page.getByTestId("seat-map-minimap")).toBeVisible();

  // The seat under the middle of the map is Block 1's; clicking it holds it.
  await map.scrollIntoViewIfNeeded();
  const zoomed = await map.boundingBox();
  if (!zoomed) throw new Error("the seat map has no box");
  const tooltip = page.locator(".seatmap-tooltip");
  let found = false;
  for (const dx of [0, 6, -6, 12]) {
    await page.mouse.move(zoomed.x + zoomed.width / 2 + dx, zoomed.y + zoomed.height / 2 + dx / 2);
    if (await tooltip.isVisible()) {
      found = true;
      await expect(tooltip).toContainText("Block 1, row");
      await expect(tooltip).toContainText("Sides €60.00, available");
      await page.mouse.down();
      await page.mouse.up();
      break;
    }
  }
  expect(found, "a seat under the middle of the zoomed map").toBe(true);
  await continueAsGuest(page, guestEmail());
  const cart = page.getByTestId("cart");
  await expect(cart.getByRole("list").getByRole("listitem")).toHaveCount(1, { timeout: 15_000 });
  await expect(cart.getByRole("list")).toContainText("Block 1, row");
  await expect(page.getByTestId("cart-total")).toHaveText("€60.00");

  // Fit goes back to the whole bowl, with the held seat still in view as the customer's.
  await page.getByRole("button", { name: "Fit" }).click();
  await expect(map).toHaveAttribute("data-view", "sections");
  await expect(page.getByTestId("seat-map-minimap")).toBeHidden();

  // The same zoom for the keyboard: "Go to section".
  await page.getByLabel("Go to section").selectOption("Block 5");
  await expect(map).toHaveAttribute("data-view", "seats");
  await expect(map).not.toHaveAttribute("data-row-labels", "0");

  // On a phone the map's box takes the round bowl's shape, without empty bands above and below
  // it (a fixed-height box was 590 px tall for a bowl 358 px wide).
  await page.setViewportSize(PHONE);
  await expect(async () => {
    const frame = await map.boundingBox();
    if (!frame) throw new Error("the seat map has no box");
    expect(frame.height / frame.width, `${frame.width}×${frame.height}`).toBeGreaterThan(0.9);
    expect(frame.height / frame.width, `${frame.width}×${frame.height}`).toBeLessThan(1.1);
  }).toPass({ timeout: 5_000 });
});
