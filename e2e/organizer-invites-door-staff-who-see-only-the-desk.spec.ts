import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { ADMIN } from "./support/accounts";
import { adminToken, publishSmallEvent } from "./support/purchase-through-apis";
import { signIn } from "./support/sign-in";

const MAILDEV = `http://127.0.0.1:${process.env.TEST_MAILDEV_WEB_PORT ?? 11080}`;

type Mail = { subject: string; text: string; to: { address: string }[] };

/** The one email to `address` whose subject starts so (MailDev's REST API). */
const mailTo = async (address: string, subject: string): Promise<Mail> => {
  let mail: Mail | undefined;
  await expect
    .poll(
      async () => {
        const mails = (await (await fetch(`${MAILDEV}/api/email`)).json()) as Mail[];
        mail = mails.find(
          (m) => m.to.some((to) => to.address === address) && m.subject.startsWith(subject),
        );
        return mail?.subject ?? null;
      },
      { timeout: 60_000 },
    )
    .not.toBeNull();
  return mail!;
};

test("an organizer invites door staff by email, who accept and then see only the check-in desk", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  // An event starting within the hour, so the invitation form lists it among the first.
  const { name: eventName } = await publishSmallEvent(
    await adminToken(),
    `Door night ${randomUUID().slice(0, 8)}`,
    60 * 60_000,
  );
  const email = `e2e-door-${randomUUID().slice(0, 12)}@example.com`;
  // Other runs (and identity's tests) leave door staff in the test database: a name of our own.
  const staffName = `Dora ${randomUUID().slice(0, 6)}`;

  // The organizer: Door staff page, an address and a checklist of events.
  await signIn(page, ADMIN, "/organizer");
  await page
    .getByRole("navigation", { name: "Organizer" })
    .getByRole("link", { name: "Door staff" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Door staff" })).toBeVisible();
  // Nothing chosen: each field says what is missing.
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText("Enter the email address of the person to invite.")).toBeVisible();
  await expect(
    page.getByText("Choose at least one event whose door they will work."),
  ).toBeVisible();
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("checkbox", { name: new RegExp(eventName) }).check();
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Invitation sent" })).toHaveText(
    `Invitation sent to ${email}.`,
  );
  const pending = page.getByRole("region", { name: "Pending invitations" });
  await expect(pending.getByText(email, { exact: true })).toBeVisible();

  // The invitee: the email's link, a name and a password.
  const mail = await mailTo(email, "You are invited to check tickets in for");
  expect(mail.subject).toBe(`You are invited to check tickets in for ${eventName}`);
  const link = mail.text.match(/https?:\/\/\S+\/staff-invitation\?token=\S+/)?.[0];
  expect(link).toBeDefined();
  const { pathname, search } = new URL(link!);

  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  await staff.goto(`${pathname}${search}`);
  await expect(
    staff.getByRole("heading", { level: 1, name: "Door staff invitation" }),
  ).toBeVisible();
  await expect(staff.getByText(eventName)).toBeVisible();
  await staff.getByLabel("Your name").fill(staffName);
  await staff.getByLabel("Choose a password").fill("a door staff password");
  await staff.getByLabel("Type the password again").fill("a different password");
  await staff.getByRole("button", { name: "Accept the invitation" }).click();
  await expect(staff.getByText("The two passwords are not the same.")).toBeVisible();
  await staff.getByLabel("Type the password again").fill("a door staff password");
  await staff.getByRole("button", { name: "Accept the invitation" }).click();

  // Signed in and at the desk, whose navigation is all they get.
  await expect(staff).toHaveURL(/\/organizer\/check-in$/, { timeout: 30_000 });
  const header = staff.getByRole("banner");
  await expect(header.getByText("Signed in as")).toContainText(staffName);
  await expect(header.getByRole("link", { name: "Check-in desk" })).toBeVisible();
  await expect(header.getByRole("link", { name: "Organizer" })).toHaveCount(0);
  await expect(header.getByRole("link", { name: "My orders" })).toHaveCount(0);
  const doorNav = staff.getByRole("navigation", { name: "Door staff" });
  await expect(doorNav.getByRole("link")).toHaveText(["Check-in"]);
  await expect(staff.getByRole("navigation", { name: "Organizer" })).toHaveCount(0);
  // The desk offers the one event they were given (from their token's doorEvents).
  const eventPicker = staff.getByLabel("Event", { exact: true }).locator("option");
  await expect(eventPicker).toHaveCount(2);
  await expect(eventPicker.nth(1)).toContainText(eventName);

  // Every other organizer page, and the account pages, refuse them.
  for (const path of [
    "/organizer",
    "/organizer/door-staff",
    "/organizer/events/new",
    "/account/orders",
  ]) {
    await staff.goto(path);
    await expect(
      staff.getByRole("heading", { level: 1, name: "Door staff only check tickets in" }),
    ).toBeVisible();
    await expect(
      staff.getByText(`You are signed in as ${email}, a door staff account.`),
    ).toBeVisible();
  }
  await staff.getByRole("link", { name: "Go to the check-in desk" }).click();
  await expect(staff).toHaveURL(/\/organizer\/check-in$/);

  // The link works once.
  await staff.goto(`${pathname}${search}`);
  await expect(
    staff.getByRole("alert").filter({ hasText: "This invitation has already been accepted" }),
  ).toBeVisible();

  // Signing in again lands door staff on the desk too.
  await staff.getByRole("button", { name: "Sign out" }).click();
  await staff.goto("/sign-in");
  await staff.getByLabel("Email").fill(email);
  await staff.getByLabel("Password").fill("a door staff password");
  await staff.getByRole("button", { name: "Sign in" }).click();
  await expect(staff).toHaveURL(/\/organizer\/check-in$/, { timeout: 30_000 });
  await staffContext.close();

  // The organizer sees them with their event, and removes them.
  await page.reload();
  const member = page.getByRole("listitem").filter({
    has: page.getByRole("heading", { level: 3, name: new RegExp(staffName) }),
  });
  // The page names every event any staff member has (the test database holds many): give it time.
  await expect(member.getByText(eventName)).toBeVisible({ timeout: 30_000 });
  await expect(pending.getByText(email, { exact: true })).toHaveCount(0);
  page.once("dialog", (dialog) => void dialog.accept());
  await member.getByRole("button", { name: `Remove ${staffName}` }).click();
  await expect(page.getByRole("status").filter({ hasText: "no longer door staff" })).toHaveText(
    `${staffName} is no longer door staff.`,
  );
  await expect(page.getByRole("heading", { level: 3, name: new RegExp(staffName) })).toHaveCount(0);
});
