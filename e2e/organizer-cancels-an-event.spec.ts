import { expect, test } from "@playwright/test";
import { ADMIN } from "./support/accounts";
import { adminToken, publishSmallEvent } from "./support/purchase-through-apis";
import { signIn } from "./support/sign-in";

test("an organizer cancels a published event after confirming, and it leaves the storefront", async ({
  page,
}) => {
  const event = await publishSmallEvent(await adminToken());
  await signIn(page, ADMIN, "/organizer");

  await page.goto(`/organizer/events/${event.eventId}`);
  await expect(page.getByRole("heading", { level: 1, name: event.name })).toBeVisible();
  await expect(page.getByText("On sale", { exact: true })).toBeVisible();
  await expect(page.getByTestId("seats-available")).toHaveText("10");

  // The first click only asks (the question takes the focus); keeping it changes nothing and
  // gives the focus back to the button.
  await page.getByRole("button", { name: "Cancel event" }).click();
  await expect(page.getByText(/^Cancel this event\?/)).toBeFocused();
  await page.getByRole("button", { name: "Keep it" }).click();
  await expect(page.getByText("On sale", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Cancel event" })).toBeFocused();

  await page.getByRole("button", { name: "Cancel event" }).click();
  await page.getByRole("button", { name: "Yes, cancel the event" }).click();
  await expect(page.getByText("Cancelled", { exact: true })).toBeVisible();
  await expect(page.getByText("This event is cancelled; it is no longer on sale.")).toBeVisible();

  await page.goto(`/?q=${encodeURIComponent(event.name)}`);
  await expect(page.getByText("No events match your search.")).toBeVisible();
});
