import { test } from "@playwright/test";
import { ADMIN } from "./support/accounts";
import { expectNoSidewaysScroll, NARROW_PHONE } from "./support/phone";
import { signIn } from "./support/sign-in";
import { publishEvent } from "./support/storefront";

test.use({ viewport: NARROW_PHONE });

test("an organizer on a narrow phone opens every organizer and account page and none scrolls sideways", async ({
  page,
}) => {
  const event = await publishEvent({ seats: 10 });
  for (const path of ["/sign-in", "/sign-up"]) {
    await page.goto(path);
    await expectNoSidewaysScroll(page, path);
  }
  await signIn(page, ADMIN, "/organizer");
  for (const path of [
    "/organizer",
    "/organizer/events/new",
    `/organizer/events/${event.eventId}`,
    "/organizer/check-in",
    "/organizer/door-staff",
    "/account/orders",
    "/account/tickets",
  ]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    await expectNoSidewaysScroll(page, path);
  }
});
