import { expect, type Page } from "@playwright/test";

/** `YYYY-MM-DDTHH:mm[:ss]` of an instant in a time zone, as a datetime-local input holds it. */
export const wallClock = (instant: number, timeZone: string): string => {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((part) => part.type === type)?.value ?? "00";
  // As a datetime-local field writes its value: seconds only when there are some. Chromium
  // shortens "…T05:07:00" to "…T05:07", which Playwright's fill reports as a malformed value.
  const seconds = get("second") === "00" ? "" : `:${get("second")}`;
  return `${get("year")}-${get("month")}-${get("day")}T${get("hour")}:${get("minute")}${seconds}`;
};

/** The waiting room panel of the event page. */
export const waitingRoom = (page: Page) => page.getByTestId("waiting-room");

/**
 * Joins the waiting room from the event page as a guest (the guest box, then the proof of work the
 * browser solves), and waits until the page shows the visitor inside.
 */
export const joinAsGuest = async (page: Page, email: string) => {
  await waitingRoom(page).getByRole("button", { name: "Join the waiting room" }).click();
  await expect(page.getByRole("heading", { name: "Who are these seats for?" })).toBeVisible();
  await page.getByLabel("Email for your tickets").fill(email);
  await page.getByRole("button", { name: "Continue as guest" }).click();
  await expect(waitingRoom(page)).not.toHaveAttribute("data-state", /^(signed-out|not-joined)$/, {
    timeout: 30_000,
  });
};

/**
 * The instant (ms) the visitor was admitted, from the shopping window the page counts down to:
 * inventory's admission expires `windowSeconds` after it was given.
 */
export const admittedAt = async (page: Page, windowSeconds: number): Promise<number> => {
  const until = await waitingRoom(page).locator(".time-left").getAttribute("data-until");
  if (!until) throw new Error("no shopping window on the page");
  return Date.parse(until) - windowSeconds * 1000;
};

/** A call to the web's own tRPC API with the page's cookies, as the browser would make it. */
export const webCall = async (
  page: Page,
  procedure: string,
  input: unknown,
  kind: "query" | "mutation" = "mutation",
) => {
  const response =
    kind === "query"
      ? await page.request.get(
          `/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`,
        )
      : await page.request.post(`/api/trpc/${procedure}`, { data: input });
  const body = (await response.json()) as {
    result?: { data: unknown };
    error?: { message: string; data?: { code?: string } };
  };
  return { status: response.status(), body };
};
