import { expect, test } from "@playwright/test";
import { seatLabel } from "@marquee/tickets/seat-label";
import { ADMIN } from "./support/accounts";
import { lastResult, openNewDesk } from "./support/check-in-desk";
import { adminToken, purchaseThroughApis } from "./support/purchase-through-apis";
import { callService } from "./support/service-api";
import { signIn } from "./support/sign-in";
import { screenshot } from "./support/storefront";

const IN_AN_HOUR_MS = 3_600_000;

test("a desk that lost its network checks tickets against its signed list, survives a reload, and syncs when the network is back", async ({
  page,
  context,
}) => {
  const purchase = await purchaseThroughApis(2, { startsInMs: IN_AN_HOUR_MS });
  const [first, second] = purchase.tickets;
  if (!first || !second) throw new Error("the purchase issued fewer than two tickets");

  await signIn(page, ADMIN, "/organizer/check-in");
  await openNewDesk(page, { eventId: purchase.eventId, listName: "Offline gate" });
  await expect(page.getByTestId("admitted-count")).toHaveText("0");
  // Online, the desk keeps its page and downloads the event's signed list.
  await expect(page.getByTestId("door-offline-ready")).toHaveText(
    /^Ready to work offline: list of 2 tickets downloaded at \d{2}:\d{2}\.$/,
    // The service worker fetches the page and every static file it loaded, on a busy machine.
    { timeout: 30_000 },
  );

  await context.setOffline(true);
  const offline = page.getByTestId("door-offline-status");
  await expect(offline).toContainText(
    /Offline — checking against the list downloaded at \d{2}:\d{2}/,
  );

  // Two tickets by their typed short codes: both admitted, green, from the list alone.
  const code = page.getByLabel("Ticket code");
  await code.fill(first.shortCode.toLowerCase());
  await code.press("Enter");
  await expect(lastResult(page, "Admitted").getByText(seatLabel(first))).toBeVisible();
  await expect(page.getByTestId("scan-flash")).toHaveAttribute("data-result", "admitted");
  await expect(code).toHaveValue("");
  await code.fill(second.shortCode);
  await code.press("Enter");
  await expect(lastResult(page, "Admitted").getByText(seatLabel(second))).toBeVisible();
  await expect(page.getByTestId("admitted-count")).toHaveText("2");

  // The first one again: refused on this device, red.
  await code.fill(first.shortCode);
  await code.press("Enter");
  await expect(lastResult(page, "Refused")).toContainText(`Already scanned on this device at`);
  await expect(lastResult(page, "Refused")).toContainText(seatLabel(first));
  await expect(page.getByTestId("scan-flash")).toHaveAttribute("data-result", "refused");
  await screenshot(page, "organizer-check-in-offline");

  // Reloaded without a network: the service worker serves the desk, which still has its list
  // and its two scans waiting to sync.
  await page.reload();
  await expect(offline).toContainText(
    /Offline — checking against the list downloaded at \d{2}:\d{2}/,
  );
  await expect(page.getByTestId("admitted-count")).toHaveText("2");
  await code.fill(second.shortCode);
  await code.press("Enter");
  await expect(lastResult(page, "Refused")).toContainText("Already scanned on this device at");

  // The network is back: the two scans sync and the online counts show both admitted.
  await context.setOffline(false);
  await expect(page.getByTestId("door-sync-result")).toContainText(
    "Synced 2 scans made offline: 2 admitted.",
  );
  await expect(offline).toBeHidden();
  await expect(page.getByRole("heading", { level: 2, name: "Offline gate" })).toBeVisible();
  await expect(page.getByTestId("admitted-count")).toHaveText("2");
  await expect(page.getByTestId("expected-count")).toHaveText("2");

  // Online again, the server refuses the ticket the device admitted offline.
  await code.fill(first.shortCode);
  await code.press("Enter");
  await expect(lastResult(page, "Refused")).toContainText(
    /Already checked in at \d{2}:\d{2} \(Offline gate\)/,
  );

  // Another device, offline too, had let the second ticket in as well; it syncs now (through
  // fulfillment's API, as its desk would): its scan is a duplicate, and the organizer sees it.
  const listId = new URL(page.url()).searchParams.get("list");
  const other = await callService<{ scans: { outcome: string }[] }>(
    "fulfillment",
    "syncCheckIns",
    {
      listId,
      deviceId: "e2e-second-device",
      scans: [{ code: second.shortCode, scannedAt: new Date().toISOString() }],
    },
    { token: await adminToken() },
  );
  expect(other.scans.map((scan) => scan.outcome)).toEqual(["duplicate"]);
  const duplicates = page.getByTestId("door-duplicates");
  await expect(duplicates).toContainText(`${seatLabel(second)} (${second.shortCode})`, {
    timeout: 15_000,
  });
  await expect(duplicates).toContainText("again");
  await expect(duplicates).toContainText("device e2e-seco");
  await expect(page.getByRole("heading", { name: "Duplicate admissions" })).toBeVisible();
});
