import { randomUUID } from "node:crypto";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { ADMIN } from "./support/accounts";
import { admittedAt, joinAsGuest, waitingRoom, wallClock, webCall } from "./support/on-sale";
import { signIn } from "./support/sign-in";
import {
  confirmWheelchairSpace,
  focusFirstSeat,
  guestEmail,
  payByCard,
  screenshot,
} from "./support/storefront";

const VENUE = { label: "The Blue Lantern, Lyon", timeZone: "Europe/Paris" };
const ADMIT_PER_MINUTE = 20;
const WINDOW_MINUTES = 5;

const visitorPage = async (browser: Browser, baseURL: string | undefined): Promise<Page> =>
  (await browser.newContext({ baseURL })).newPage();

test("three visitors join a waiting room before the opening, are let in at the set rate, and the first admitted buys a seat; a visitor without admission cannot hold one", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(360_000);
  const name = `Waiting room night ${randomUUID().slice(0, 8)}`;

  // The organizer creates the event: sales open in ten minutes, behind a waiting room.
  const organizer = await visitorPage(browser, baseURL);
  await signIn(organizer, ADMIN, "/organizer/events/new");
  await expect(organizer.getByRole("heading", { level: 1, name: "New event" })).toBeVisible();
  await organizer.getByLabel("Name").fill(name);
  await organizer.getByLabel("Venue").selectOption({ label: VENUE.label });
  await organizer.getByLabel("Starts at").fill(`${new Date().getUTCFullYear() + 1}-03-14T20:00`);
  const firstOpening = Date.now() + 10 * 60_000;
  await organizer.getByLabel("Sales open at").fill(wallClock(firstOpening, VENUE.timeZone));
  // Closing before opening is refused next to the closing field.
  await organizer
    .getByLabel("Sales close at")
    .fill(wallClock(firstOpening - 60_000, VENUE.timeZone));
  await organizer.getByRole("switch", { name: "Waiting room" }).check();
  await organizer.getByLabel("Admission rate (visitors per minute)").fill(String(ADMIT_PER_MINUTE));
  await organizer.getByLabel("Shopping window (minutes)").fill(String(WINDOW_MINUTES));
  await organizer.getByRole("button", { name: "Create draft event" }).click();
  await expect(organizer.getByText("Sales must close after they open.")).toBeVisible();
  await expect(organizer.getByLabel("Sales close at")).toBeFocused();
  await organizer.getByLabel("Sales close at").fill("");
  await organizer.getByRole("button", { name: "Create draft event" }).click();

  await expect(organizer.getByRole("heading", { level: 1, name })).toBeVisible();
  const eventId = /\/organizer\/events\/([0-9a-f-]{36})/.exec(organizer.url())?.[1];
  if (!eventId) throw new Error(`no event id in ${organizer.url()}`);
  await expect(organizer.getByTestId("waiting-room-setting")).toHaveText(
    `${ADMIT_PER_MINUTE} visitors per minute, ${WINDOW_MINUTES} min to shop`,
  );
  await organizer.getByRole("button", { name: "Remove tier 2" }).click();
  await organizer.getByLabel("Tier 1 name").fill("Floor");
  await organizer.getByLabel("Tier 1 price (EUR)").fill("30");
  await organizer.getByRole("button", { name: "Remove section 2" }).click();
  await organizer.getByLabel("Section 1 name").fill("Main");
  await organizer.getByLabel("Section 1 rows").fill("1");
  await organizer.getByLabel("Section 1 seats per row").fill("6");
  await organizer.getByLabel("Section 1 tier").selectOption("Floor");
  await organizer.getByRole("button", { name: "Generate seat layout" }).click();
  await expect(organizer.getByTestId("seats-available")).toHaveText("6");
  await organizer.getByRole("button", { name: "Publish" }).click();
  await expect(organizer.getByText("On sale", { exact: true })).toBeVisible();
  const panel = organizer.getByRole("region", { name: "Waiting room" });
  // Inventory learns of the waiting room through catalog's event-published.
  await expect(panel.getByTestId("waiting-room-state")).toHaveText("Admitting", {
    timeout: 30_000,
  });
  await expect(panel.getByTestId("waiting-room-queued")).toHaveText("0");

  // Three visitors arrive before the opening: a countdown, a seat map that cannot be held yet,
  // and the pre-queue once they have joined.
  const visitors = await Promise.all([1, 2, 3].map(() => visitorPage(browser, baseURL)));
  for (const page of visitors) {
    await page.goto(`/events/${eventId}`);
    await expect(page.getByRole("heading", { level: 2, name: "Sales open soon" })).toBeVisible();
    await expect(page.getByTestId("sales-countdown")).toHaveText(/^\d:\d\d$/);
    await expect(page.getByTestId("seat-map-locked")).toContainText("Sales open");
    await joinAsGuest(page, guestEmail());
    await expect(waitingRoom(page)).toHaveAttribute("data-state", "pre-queue");
    await expect(waitingRoom(page)).toContainText(
      "Places are drawn at the opening, arriving earlier gives no advantage.",
    );
  }
  await screenshot(visitors[0]!, "waiting-room-pre-queue");
  await expect(panel.getByTestId("waiting-room-queued")).toHaveText("3");
  // The countdown moves on by itself.
  const shown = await visitors[0]!.getByTestId("sales-countdown").textContent();
  await expect(visitors[0]!.getByTestId("sales-countdown")).not.toHaveText(shown ?? "");

  // The organizer brings the opening forward to a few seconds from now.
  await organizer.getByRole("button", { name: "Change on-sale settings" }).click();
  const opening = Date.now() + 20_000;
  await organizer.getByLabel("Sales open at").fill(wallClock(opening, VENUE.timeZone));
  await organizer.getByRole("button", { name: "Save on-sale settings" }).click();
  await expect(organizer.getByText("Saved.", { exact: false })).toBeVisible();
  // The room paces admissions from the opening it knows: it must take up the new one (through
  // catalog's event-updated) before that moment, or it would let in at once all it owes since.
  await expect(panel.getByTestId("waiting-room-opens")).toHaveAttribute(
    "data-opens-at",
    new Date(Math.floor(opening / 1_000) * 1_000).toISOString(),
    { timeout: 10_000 },
  );
  expect(Date.now(), "inventory took up the new opening only after it had passed").toBeLessThan(
    opening,
  );

  // Everyone is let in after the opening, one at a time at the set rate.
  for (const page of visitors) {
    await expect(page.getByTestId("waiting-room-admitted")).toBeVisible({ timeout: 90_000 });
    await expect(page.getByTestId("shopping-countdown")).toHaveText(/^[45]:\d\d$/);
  }
  const admitted = await Promise.all(
    visitors.map(async (page) => ({ page, at: await admittedAt(page, WINDOW_MINUTES * 60) })),
  );
  admitted.sort((a, b) => a.at - b.at);
  const times = admitted.map((visitor) => visitor.at);
  const spacing = 60_000 / ADMIT_PER_MINUTE;
  expect(times[0]!).toBeGreaterThanOrEqual(opening - 1_000);
  // Three admissions span two intervals of the rate (generously: a loaded machine may lag).
  expect(times[2]! - times[0]!).toBeGreaterThanOrEqual(spacing);
  expect(times[2]! - times[0]!).toBeLessThan(60_000);
  await expect(panel.getByTestId("waiting-room-admitted")).toHaveText("3");
  await screenshot(organizer, "organizer-waiting-room");

  // The first admitted holds a seat, checks out and pays.
  const first = admitted[0]!.page;
  await expect(first.getByTestId("seat-map")).toHaveAttribute("data-ready", "true");
  await expect(first.getByTestId("seat-map-locked")).toHaveCount(0);
  await focusFirstSeat(first);
  await first.keyboard.press("Enter");
  await confirmWheelchairSpace(first);
  const cart = first.getByTestId("cart");
  await expect(cart.getByText("Main, row A, seat 1")).toBeVisible({ timeout: 30_000 });
  await screenshot(first, "waiting-room-admitted");
  await cart.getByRole("button", { name: "Checkout" }).click();
  await expect(first.getByRole("heading", { level: 1, name: "Checkout" })).toBeVisible();
  await payByCard(first, "4242 4242 4242 4242");
  await expect(first.getByRole("heading", { level: 1, name: /your order is in/ })).toBeVisible({
    timeout: 45_000,
  });

  // Paused: a visitor who joins now waits, cannot hold a seat, and inventory refuses the hold.
  await panel.getByRole("button", { name: "Pause admissions" }).click();
  await expect(panel.getByTestId("waiting-room-state")).toHaveText("Paused");
  const late = await visitorPage(browser, baseURL);
  await late.goto(`/events/${eventId}`);
  await joinAsGuest(late, guestEmail());
  await expect(waitingRoom(late)).toHaveAttribute("data-state", "queued");
  await expect(late.getByTestId("waiting-room-position")).toHaveText("1");
  await expect(late.getByTestId("waiting-room-paused")).toBeVisible();
  await expect(panel.getByTestId("waiting-room-queued")).toHaveText("1");
  // The place is kept by inventory, not the page: a reload finds it again.
  await late.reload();
  await expect(late.getByTestId("waiting-room-position")).toHaveText("1", { timeout: 15_000 });
  await expect(late.getByTestId("waiting-room-paused")).toBeVisible();
  await expect(late.getByTestId("seat-map")).toHaveAttribute("data-ready", "true");
  await late.getByTestId("seat-map").focus();
  await late.keyboard.press("Enter");
  await expect(late.getByTestId("seat-map-message")).toHaveText(
    "This sale has a waiting room: you can hold seats once it is your turn.",
  );
  await expect(late.getByTestId("cart").getByText(/row A/)).toHaveCount(0);
  await screenshot(late, "waiting-room-paused");

  const seatIds = await webCall(late, "events.seatIds", { eventId, section: 0 }, "query");
  const seatId = (seatIds.body.result?.data as { seatIds: string[] }).seatIds[5]!;
  const withoutAdmission = await webCall(late, "cart.hold", { eventId, seatIds: [seatId] });
  expect(withoutAdmission.status).toBe(403);
  expect(withoutAdmission.body.error?.message).toMatch(/admission/i);
  const forged = await webCall(late, "cart.hold", {
    eventId,
    seatIds: [seatId],
    admission: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.forged",
  });
  expect(forged.status).toBe(403);
  expect(forged.body.error?.message).toMatch(/admission/i);

  // Resumed: the waiting visitor is let in and may now choose.
  await panel.getByRole("button", { name: "Resume admissions" }).click();
  await expect(panel.getByTestId("waiting-room-state")).toHaveText("Admitting");
  await expect(late.getByTestId("waiting-room-admitted")).toBeVisible({ timeout: 30_000 });
  await expect(late.getByTestId("seat-map-locked")).toHaveCount(0);
  await expect(panel.getByTestId("waiting-room-queued")).toHaveText("0", { timeout: 10_000 });
  await expect(panel.getByTestId("waiting-room-admitted")).toHaveText("4");
});
