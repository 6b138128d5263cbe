import { mkdirSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { expect, type Page } from "@playwright/test";
import { adminToken } from "./purchase-through-apis";
import { callService, eventually } from "./service-api";

/** Screenshots of the main pages, kept by each run (git-ignored). */
export const SCREENSHOTS = path.join(".data", "test-results", "screenshots");

export const screenshot = async (page: Page, name: string) => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
};

/**
 * A fresh published event for one journey (so no other run has touched its seats), created with
 * catalog's organizer API, and waited for until inventory has stocked every seat.
 */
export const publishEvent = async ({
  seats = 10,
  holdTtlSeconds = 900,
  priceCents = 2_500,
  holdExtensionMinutes = 0,
  onSale = {},
  layout,
}: {
  seats?: number;
  holdTtlSeconds?: number;
  priceCents?: number;
  /** Minutes a customer may keep a hold longer, once (0: no extension). */
  holdExtensionMinutes?: number;
  /** Catalog's sales window and waiting room (ISO instants), as createEvent takes them. */
  onSale?: {
    salesOpenAt?: string;
    salesCloseAt?: string;
    waitingRoom?: { admitPerMinute: number; windowSeconds: number };
  };
  /** Catalog's layout (tiers, sections, a stage) instead of one section of two rows. */
  layout?: {
    tiers: Array<{ name: string; priceCents: number }>;
    sections: Array<{ name: string; rows: number; seatsPerRow: number; tier: string }>;
    stage?: object;
  };
} = {}) => {
  const token = await adminToken();
  const venues = await callService<{ id: string }[]>("catalog", "venues", undefined, {
    token,
    kind: "query",
  });
  const venue = venues[0];
  if (!venue) throw new Error("catalog has no venue; is the seed in place?");
  const name = `Storefront night ${randomUUID().slice(0, 8)}`;
  const event = await callService<{ id: string }>(
    "catalog",
    "createEvent",
    {
      name,
      startsAt: new Date(Date.now() + 20 * 24 * 3_600_000).toISOString(),
      venueId: venue.id,
      holdTtlSeconds,
      holdExtensionMinutes,
      imagePath: "/events/jazz-quartet.svg",
      ...onSale,
    },
    { token },
  );
  await callService(
    "catalog",
    "generateLayout",
    {
      eventId: event.id,
      currency: "EUR",
      ...(layout ?? {
        tiers: [{ name: "Main", priceCents }],
        sections: [{ name: "Floor", rows: 2, seatsPerRow: seats / 2, tier: "Main" }],
      }),
    },
    { token },
  );
  await callService("catalog", "publish", { eventId: event.id }, { token });
  await eventually("inventory stocks the new event's seats", async () => {
    const availability = await callService<{ available: number }>(
      "inventory",
      "availability",
      { eventId: event.id },
      { kind: "query" },
    );
    const stocked = layout
      ? layout.sections.reduce((sum, section) => sum + section.rows * section.seatsPerRow, 0)
      : seats;
    return availability.available === stocked ? availability : null;
  });
  return { eventId: event.id, name };
};

/** Opens an event page and waits until its seat map has drawn and the live feed is connected. */
export const openSeatMap = async (page: Page, eventId: string) => {
  await page.goto(`/events/${eventId}`);
  await expect(page.getByTestId("seat-map")).toHaveAttribute("data-ready", "true");
  await expect(page.getByTestId("live-status")).toHaveText("Live");
  return page.getByTestId("seat-map");
};

/**
 * Focuses the map and moves to row A, seat 1, for holding seats with the keyboard. Focus starts on
 * the first free seat that is not a wheelchair space: in a generated layout row A, seat 1 is one,
 * so focus starts on seat 2 and one step left reaches seat 1. Holding it asks first
 * (`confirmWheelchairSpace`).
 */
export const focusFirstSeat = async (page: Page) => {
  await page.getByTestId("seat-map").focus();
  await expect(page.getByTestId("focused-seat")).toContainText("row A, seat 2");
  await page.keyboard.press("ArrowLeft");
  await expect(page.getByTestId("focused-seat")).toContainText("row A, seat 1");
};

/**
 * Answers yes to the question the map asks before it holds a wheelchair space (row A, seat 1 of
 * `publishEvent`'s layout, which `focusFirstSeat` reaches): the dialog names it, and "Hold the
 * wheelchair space" goes on to hold it (through the guest box for a visitor not signed in).
 */
export const confirmWheelchairSpace = async (page: Page) => {
  const dialog = page.getByRole("dialog", { name: "This is a wheelchair space" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Hold the wheelchair space" }).click();
  await expect(dialog).toBeHidden();
};

export const continueAsGuest = async (page: Page, email: string) => {
  await expect(page.getByRole("heading", { name: "Who are these seats for?" })).toBeVisible();
  await page.getByLabel("Email for your tickets").fill(email);
  await page.getByRole("button", { name: "Continue as guest" }).click();
  // The browser solves a proof of work before the guest token (about a second on a quiet
  // machine, several on a loaded one); the gate closes once the guest is signed in.
  await expect(page.getByRole("heading", { name: "Who are these seats for?" })).toBeHidden({
    timeout: 30_000,
  });
};

export const payByCard = async (page: Page, number: string) => {
  await page.getByLabel("Card number").fill(number);
  await page.getByLabel("Expiry (MM/YY)").fill("12/30");
  await page.getByLabel("Security code").fill("123");
  await page.getByRole("button", { name: /^Pay / }).click();
};

export const guestEmail = () => `e2e-guest-${randomUUID().slice(0, 12)}@example.com`;
