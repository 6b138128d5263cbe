import { expect, test } from "@playwright/test";
import {
  confirmWheelchairSpace,
  continueAsGuest,
  focusFirstSeat,
  guestEmail,
  openSeatMap,
  publishEvent,
} from "./support/storefront";

test("two buyers race for one seat: the first holds it, the second sees it taken live and cannot hold it", async ({
  browser,
  baseURL,
}) => {
  const event = await publishEvent({ seats: 10 });
  const first = await (await browser.newContext({ baseURL })).newPage();
  const second = await (await browser.newContext({ baseURL })).newPage();

  await openSeatMap(first, event.eventId);
  await openSeatMap(second, event.eventId);
  await focusFirstSeat(first);
  await focusFirstSeat(second);
  await expect(second.getByTestId("focused-seat")).toContainText(
    "row A, seat 1, Main €25.00, available",
  );

  await first.keyboard.press("Enter");
  await confirmWheelchairSpace(first);
  await continueAsGuest(first, guestEmail());
  await expect(first.getByTestId("cart").getByText("Floor, row A, seat 1")).toBeVisible();

  // The second page was not reloaded: the change arrived over the live feed.
  await expect(second.getByTestId("focused-seat")).toContainText(
    "row A, seat 1, Main €25.00, taken",
  );
  await expect(second.getByTestId("availability")).toContainText("9 available · 1 held");
  await second.keyboard.press("Enter");
  await expect(
    second.getByText("That seat is already taken. Please pick another one."),
  ).toBeVisible();
  await expect(second.getByRole("heading", { name: "Who are these seats for?" })).toHaveCount(0);

  // Signed in as a guest, a hold of the same seat is refused by inventory too.
  await second.keyboard.press("ArrowRight");
  await second.keyboard.press("Enter");
  await continueAsGuest(second, guestEmail());
  await expect(second.getByTestId("cart").getByText("Floor, row A, seat 2")).toBeVisible();
  await expect(second.getByTestId("cart").getByText("Floor, row A, seat 1")).toHaveCount(0);
  await expect(first.getByTestId("availability")).toContainText("8 available · 2 held");

  await first.context().close();
  await second.context().close();
});
