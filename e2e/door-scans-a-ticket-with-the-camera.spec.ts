import { expect as baseExpect, test } from "@playwright/test";
import { seatLabel } from "@marquee/tickets/seat-label";
import { ADMIN } from "./support/accounts";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./support/chromium";
import { lastResult, openNewDesk } from "./support/check-in-desk";
import { fakeCameraFile, showToFakeCamera } from "./support/fake-camera";
import { purchaseThroughApis, type Purchase } from "./support/purchase-through-apis";
import { signIn } from "./support/sign-in";
import { screenshot } from "./support/storefront";

// A scan is two hops (web, fulfillment); on a busy machine an answer can take several seconds.
const expect = baseExpect.configure({ timeout: 15_000 });

const IN_AN_HOUR_MS = 3_600_000;
const CAMERA = fakeCameraFile("door-scans-a-ticket-with-the-camera");

// The camera exists from the browser's start; the ticket's QR is put in front of it once bought.
showToFakeCamera(CAMERA, null);

// Chromium's fake camera plays the Y4M file; the fake UI grants the camera without a prompt.
test.use({
  launchOptions: {
    executablePath: CHROMIUM_PATH,
    args: [
      ...CHROMIUM_ARGS,
      "--use-fake-device-for-media-stream",
      "--use-fake-ui-for-media-stream",
      `--use-file-for-fake-video-capture=${CAMERA}`,
    ],
  },
});

let purchase: Purchase;

test.beforeAll(async () => {
  purchase = await purchaseThroughApis(1, { startsInMs: IN_AN_HOUR_MS });
  const ticket = purchase.tickets[0];
  if (!ticket) throw new Error("the purchase issued no ticket");
  showToFakeCamera(CAMERA, ticket.code);
});

test("a desk on a phone-sized screen scans a ticket's QR with the camera and admits it", async ({
  page,
}) => {
  const ticket = purchase.tickets[0]!;
  // A phone at the entrance: nothing of the desk is cut off or scrolls sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  const sideways = () =>
    page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );

  await signIn(page, ADMIN, "/organizer/check-in");
  await page.getByLabel("Event").selectOption(purchase.eventId);
  await expect(page.getByRole("checkbox", { name: ticket.section })).toBeVisible();
  expect(await sideways(), "horizontal overflow of the list picker at 390 px").toBeLessThanOrEqual(
    0,
  );
  await openNewDesk(page, {
    eventId: purchase.eventId,
    listName: "Floor gate",
    sections: [ticket.section],
  });
  await expect(page.getByText(`${purchase.eventName} · Sections ${ticket.section}`)).toBeVisible();
  await expect(page.getByTestId("expected-count")).toHaveText("1");

  const camera = page.getByRole("button", { name: "Start camera" });
  await camera.click();
  const admitted = lastResult(page, "Admitted");
  await expect(admitted.getByText(seatLabel(ticket))).toBeVisible({
    timeout: 20_000,
  });
  await expect(admitted.getByText(`Ticket ${ticket.shortCode} checked in at`)).toBeVisible();
  await expect(page.getByTestId("admitted-count")).toHaveText("1");
  await expect(page.getByRole("button", { name: "Stop camera" })).toBeFocused();
  await expect(page.getByLabel("Camera picture")).toBeVisible();
  await screenshot(page, "organizer-check-in-camera-phone");
  // The full-screen result goes away by itself; the desk below is ready for the next guest.
  await expect(page.getByTestId("scan-flash")).toBeHidden();
  await screenshot(page, "organizer-check-in-desk-phone");
  expect(await sideways(), "horizontal overflow of the desk at 390 px").toBeLessThanOrEqual(0);

  await page.getByRole("button", { name: "Stop camera" }).click();
  await expect(page.getByRole("button", { name: "Start camera" })).toBeFocused();
  await expect(page.getByLabel("Camera picture")).toBeHidden();
  // The ticket stayed in front of the camera the whole time: it was checked in once.
  await expect(lastResult(page, "Refused")).toHaveCount(0);
  await expect(page.getByTestId("admitted-count")).toHaveText("1");
});
