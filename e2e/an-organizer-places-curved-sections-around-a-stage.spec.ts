import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { ADMIN } from "./support/accounts";
import { signIn } from "./support/sign-in";
import { screenshot } from "./support/storefront";

test("an organizer places curved sections around a stage, fans one out, watches the preview follow, and customers see the venue's shape", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const name = `Curved rows ${randomUUID().slice(0, 8)}`;
  await signIn(page, ADMIN, "/organizer/events/new");
  await expect(page.getByRole("heading", { level: 1, name: "New event" })).toBeVisible();
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Venue").selectOption({ label: "The Blue Lantern, Lyon" });
  await page.getByLabel("Starts at").fill(`${new Date().getUTCFullYear() + 1}-06-20T21:30`);
  await page.getByRole("button", { name: "Create draft event" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();

  // Side by side until placed: the preview has no stage.
  const preview = page.getByTestId("seat-map-preview");
  await expect(preview).toHaveAttribute("data-ready", "true");
  await expect(preview).toHaveAttribute("data-stage", "");

  // Placed around a stage, which the preview draws and names as it is typed.
  await page.getByLabel("Place the sections around a stage or pitch").check();
  await expect(preview).toHaveAttribute("data-stage", "Stage");
  await page.getByLabel("Stage name").fill("Main stage");
  await expect(preview).toHaveAttribute("data-stage", "Main stage");

  // A curve too tight for its rows is refused at its field, and nothing is generated.
  await page.getByLabel("Section 1 curve radius (empty: straight rows)").fill("2");
  await page.getByRole("button", { name: "Generate seat layout" }).click();
  await expect(page.getByText(/wraps around a circle of radius 2/)).toBeVisible();
  await expect(page.getByRole("heading", { name: "Sales" })).toHaveCount(0);

  await page.getByLabel("Section 1 curve radius (empty: straight rows)").fill("40");
  await page.getByLabel("Section 2 turn (degrees)").fill("10");
  const total = page.getByTestId("layout-seat-total");
  await expect(total).toHaveText("260");
  // Stalls' ten curved rows fan out: 20 seats on a circle of 40, then 21, 21, 22, … 25 behind.
  await page.getByLabel("Section 1 rows widen towards the back").check();
  await expect(total).toHaveText("285");
  await screenshot(page, "organizer-layout-builder-placed");
  await page.getByRole("button", { name: "Generate seat layout" }).click();
  await expect(page.getByRole("heading", { name: "Sales" })).toBeVisible();
  await expect(page.getByTestId("seats-available")).toHaveText("285");
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText("On sale", { exact: true })).toBeVisible();

  // The storefront's map is the venue's shape, with the organizer's stage.
  const eventId = /\/organizer\/events\/([0-9a-f-]{36})/.exec(page.url())?.[1];
  if (!eventId) throw new Error(`no event id in ${page.url()}`);
  await page.goto(`/events/${eventId}`);
  const map = page.getByTestId("seat-map");
  await expect(map).toHaveAttribute("data-ready", "true");
  await expect(map).toHaveAttribute("data-stage", "Main stage");
  await screenshot(page, "storefront-placed-layout");
});
