import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { ADMIN } from "./support/accounts";
import { signIn } from "./support/sign-in";
import { screenshot } from "./support/storefront";

test("an organizer creates an event with a seat layout, publishes it, and it appears in the storefront", async ({
  page,
}) => {
  const name = `Organizer night ${randomUUID().slice(0, 8)}`;
  await signIn(page, ADMIN, "/organizer");
  await expect(page).toHaveURL(/\/organizer$/);
  await expect(page.getByRole("heading", { level: 1, name: "Events" })).toBeVisible();

  await page.getByRole("main").getByRole("link", { name: "New event" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New event" })).toBeVisible();
  // Nothing filled in: each field names what it needs, and nothing is created.
  await page.getByRole("button", { name: "Create draft event" }).click();
  await expect(page.getByText("Give the event a name.")).toBeVisible();
  await expect(page.getByLabel("Name")).toBeFocused();
  await expect(page.getByText("Choose a venue.")).toBeVisible();

  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Description").fill("Made by the organizer journey.");
  await page.getByLabel("Venue").selectOption({ label: "The Blue Lantern, Lyon" });
  await expect(page.getByText(/Local time at the venue \(Europe\/Paris\)/)).toBeVisible();
  const year = new Date().getUTCFullYear() + 1;
  await page.getByLabel("Starts at").fill(`${year}-06-20T21:30`);
  await page.getByLabel("Hold time (minutes)").fill("10");
  await page.getByLabel("Artwork").selectOption({ label: "Jazz quartet" });
  await page.getByRole("button", { name: "Create draft event" }).click();

  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByText("Draft", { exact: true })).toBeVisible();
  // 21:30 in Lyon in June is summer time (CEST).
  await expect(page.getByText(`20 Jun ${year}, 21:30 CEST`)).toBeVisible();
  await expect(page.getByRole("button", { name: "Publish" })).toBeDisabled();

  // The organizer finds the draft again in the events list, marked as a draft.
  const organizerNav = page.getByRole("navigation", { name: "Organizer" });
  await organizerNav.getByRole("link", { name: "Events" }).click();
  await page.getByLabel("Search events").fill(name);
  await page.getByLabel("Search events").press("Enter");
  const draftRow = page.getByRole("row").filter({ has: page.getByRole("link", { name }) });
  await expect(draftRow.getByText("Draft", { exact: true })).toBeVisible();
  await draftRow.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();

  // The layout: one tier and one section of 3 rows × 8 seats.
  await page.getByRole("button", { name: "Remove tier 2" }).click();
  await page.getByLabel("Tier 1 name").fill("Floor");
  await page.getByLabel("Tier 1 price (EUR)").fill("18.50");
  await page.getByRole("button", { name: "Remove section 2" }).click();
  await page.getByLabel("Section 1 name").fill("Main");
  await page.getByLabel("Section 1 rows").fill("3");
  await page.getByLabel("Section 1 seats per row").fill("0");
  await page.getByLabel("Section 1 tier").selectOption("Floor");
  await page.getByRole("button", { name: "Generate seat layout" }).click();
  await expect(page.getByText("At least 1 seat per row.")).toBeVisible();
  await page.getByLabel("Section 1 seats per row").fill("8");
  await screenshot(page, "organizer-layout-builder");
  await expect(page.getByTestId("layout-seat-total")).toHaveText("24");
  await page.getByRole("button", { name: "Generate seat layout" }).click();

  await expect(page.getByRole("heading", { name: "Sales" })).toBeVisible();
  await expect(page.getByTestId("seats-available")).toHaveText("24");
  await expect(page.getByTestId("seats-sold")).toHaveText("0");
  await expect(page.getByText("24 · €18.50", { exact: true })).toBeVisible();

  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText("On sale", { exact: true })).toBeVisible();
  await screenshot(page, "organizer-event-sales");

  // The organizer's list has it, and so does the storefront.
  await organizerNav.getByRole("link", { name: "Events" }).click();
  await page.getByLabel("Search events").fill(name);
  await page.getByLabel("Search events").press("Enter");
  const publishedRow = page.getByRole("row").filter({ has: page.getByRole("link", { name }) });
  await expect(publishedRow.getByText("On sale", { exact: true })).toBeVisible();
  await screenshot(page, "organizer-events");

  await page.goto("/");
  await page.getByRole("searchbox").fill(name);
  await page.getByRole("searchbox").press("Enter");
  await expect(page.getByRole("link", { name: new RegExp(name) })).toBeVisible();
  await page
    .getByRole("link", { name: new RegExp(name) })
    .first()
    .click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
});

test("the organizer area refuses customers and sends signed-out visitors to sign in", async ({
  page,
}) => {
  await page.goto("/organizer/check-in");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=(%2F|\/)organizer/);

  const email = `e2e-${randomUUID().slice(0, 12)}@example.com`;
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("Curious Customer");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a long enough password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  await signIn(page, { email, password: "a long enough password" });
  await expect(page.getByRole("banner").getByRole("link", { name: "Organizer" })).toHaveCount(0);

  await page.goto("/organizer");
  await expect(page.getByRole("heading", { level: 1, name: "Organizers only" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Events" })).toHaveCount(0);
  // The web's API refuses too, whatever the page shows.
  const response = await page.request.get(
    `/api/trpc/organizer.venues?input=${encodeURIComponent(JSON.stringify({}))}`,
  );
  expect(response.status()).toBe(403);
});
