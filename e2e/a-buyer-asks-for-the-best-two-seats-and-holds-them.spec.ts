import { expect, test } from "@playwright/test";
import { continueAsGuest, guestEmail, openSeatMap, publishEvent } from "./support/storefront";

test("a buyer asks for the best two seats, gets the middle of the front row held and sees them on the map and in the cart", async ({
  page,
}) => {
  test.setTimeout(120_000);
  // Floor: rows A and B of 10 seats each, one price level.
  const event = await publishEvent({ seats: 20, priceCents: 2_500 });

  await openSeatMap(page, event.eventId);
  const form = page.getByRole("form", { name: "Best available seats" });
  await form.getByLabel("Number of seats").selectOption("2");
  await form.getByLabel("Price level").selectOption({ label: "Main €25.00" });
  await form.getByLabel("Section").selectOption("Floor");
  await form.getByRole("button", { name: "Find seats" }).click();
  await continueAsGuest(page, guestEmail());

  const cart = page.getByTestId("cart");
  await expect(
    cart.getByText("Held for you: Section Floor, row A, seat 5; Section Floor, row A, seat 6."),
  ).toBeVisible({ timeout: 15_000 });
  const held = cart.getByRole("list").getByRole("listitem");
  await expect(held).toHaveCount(2);
  await expect(held.filter({ hasText: "Floor, row A, seat 5" })).toHaveCount(1);
  await expect(held.filter({ hasText: "Floor, row A, seat 6" })).toHaveCount(1);
  await expect(page.getByTestId("cart-total")).toHaveText("€50.00");
  await expect(page.getByTestId("availability")).toContainText("18 available · 2 held");

  // On the map they are the buyer's, like seats picked by hand.
  await page.getByTestId("seat-map").focus();
  await expect(page.getByTestId("focused-seat")).toContainText("row A, seat 2");
  for (let i = 0; i < 3; i += 1) await page.keyboard.press("ArrowRight");
  await expect(page.getByTestId("focused-seat")).toContainText(
    "row A, seat 5, Main €25.00, in your cart",
  );
  await page.keyboard.press("ArrowRight");
  await expect(page.getByTestId("focused-seat")).toContainText(
    "row A, seat 6, Main €25.00, in your cart",
  );

  // Asking for more than a customer may hold says why, naming the field, and holds nothing.
  await form.getByLabel("Number of seats").selectOption("10");
  await form.getByRole("button", { name: "Find seats" }).click();
  await expect(page.getByTestId("seat-map-message")).toHaveText(
    "quantity: at most 10 seats per customer for this event; you hold 2 and asked for 10",
  );
  await expect(page.getByTestId("availability")).toContainText("18 available · 2 held");
});
