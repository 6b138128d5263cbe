import { randomUUID } from "node:crypto";
import { seatLabel } from "@marquee/tickets/seat-label";
import { expect, test, type Page } from "@playwright/test";
import { ADMIN } from "./support/accounts";
import { lastResult, openNewDesk } from "./support/check-in-desk";
import { purchaseThroughApis } from "./support/purchase-through-apis";
import { signIn } from "./support/sign-in";
import { screenshot } from "./support/storefront";

const MAILDEV = `http://127.0.0.1:${process.env.TEST_MAILDEV_WEB_PORT ?? 11080}`;
const IN_AN_HOUR_MS = 3_600_000;

type Mail = { subject: string; text: string; to: { address: string }[] };

/** The first email to `address` whose subject matches, once MailDev has it. */
const mailTo = async (address: string, subject: RegExp): Promise<Mail> => {
  let found: Mail | undefined;
  await expect
    .poll(
      async () => {
        const mails = (await (await fetch(`${MAILDEV}/api/email`)).json()) as Mail[];
        found = mails.find(
          (m) => m.to.some((to) => to.address === address) && subject.test(m.subject),
        );
        return found?.subject ?? null;
      },
      { timeout: 60_000 },
    )
    .not.toBeNull();
  return found!;
};

const typeAtTheDesk = async (page: Page, code: string) => {
  const field = page.getByLabel("Ticket code");
  await field.fill(code);
  await field.press("Enter");
};

test("a buyer transfers a ticket; the recipient signs up with that address and finds it under My tickets; the old code is refused at the door", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(240_000);
  // Tonight's event, so the check-in desk lists it.
  const purchase = await purchaseThroughApis(1, { startsInMs: IN_AN_HOUR_MS });
  const ticket = purchase.tickets[0];
  if (!ticket) throw new Error("the purchase issued no ticket");
  const recipient = `e2e-friend-${randomUUID().slice(0, 12)}@example.com`;
  const seat = seatLabel(ticket);

  // The buyer opens My tickets and sends the ticket on.
  await signIn(page, purchase.customer);
  await page.goto("/account/tickets");
  await expect(page.getByRole("heading", { level: 1, name: "My tickets" })).toBeVisible();
  const opener = page.getByRole("button", { name: `Transfer ${seat}` });
  await opener.click();
  const dialog = page.getByRole("dialog", { name: "Transfer this ticket" });
  await expect(dialog).toBeVisible();
  const email = dialog.getByLabel("Recipient's email");
  await expect(email).toBeFocused();

  // Escape closes it and focus goes back to the button that opened it.
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(email).toBeFocused();

  // Not an address: said under the field, which stays focused.
  await page.keyboard.type("my friend");
  await page.keyboard.press("Enter");
  await expect(dialog.getByRole("alert")).toHaveText(
    "Enter the email address of the person you are sending the ticket to, like name@example.com.",
  );
  await expect(email).toHaveAttribute("aria-invalid", "true");
  await expect(email).toBeFocused();

  // Their own address: refused by fulfillment, shown under the field.
  await email.fill(purchase.customer.email.toUpperCase());
  await page.keyboard.press("Enter");
  await dialog.getByRole("button", { name: "Send ticket" }).click();
  await expect(dialog.getByRole("alert")).toContainText("That is your own address");
  await expect(email).toBeFocused();

  await email.fill(recipient);
  await page.keyboard.press("Enter");
  const question = dialog.getByRole("heading", { name: `Send this ticket to ${recipient}?` });
  await expect(question).toBeFocused();
  await screenshot(page, "transfer-ticket-confirm");
  await dialog.getByRole("button", { name: "Send ticket" }).click();

  await expect(dialog).toBeHidden();
  const sent = page.getByRole("status").filter({ hasText: `Ticket sent to ${recipient}.` });
  await expect(sent).toBeFocused();
  await expect(page.getByText(ticket.shortCode)).toHaveCount(0);
  await expect(page.getByText("No tickets yet")).toBeVisible();

  // Both people are told; the recipient's email has the ticket's new door code.
  const toSender = await mailTo(purchase.customer.email, /^You sent your ticket for /);
  expect(toSender.text).toContain(`to ${recipient}`);
  const toRecipient = await mailTo(recipient, /sent you a ticket for /);
  expect(toRecipient.subject).toBe(
    `${purchase.customer.name} (${purchase.customer.email}) sent you a ticket for ${purchase.eventName}`,
  );
  const newShortCode = toRecipient.text.match(/Door code: ([0-9A-Z]{5}-[0-9A-Z]{5})/)?.[1];
  expect(newShortCode).toBeDefined();
  expect(newShortCode).not.toBe(ticket.shortCode);

  // The recipient signs up with that address, confirms it, signs in: the ticket is theirs.
  const friend = await browser.newContext({ baseURL });
  const friendPage = await friend.newPage();
  await friendPage.goto("/sign-up");
  await friendPage.getByLabel("Your name").fill("Fran Friend");
  await friendPage.getByLabel("Email").fill(recipient);
  await friendPage.getByLabel("Password").fill("a long enough password");
  await friendPage.getByRole("button", { name: "Create account" }).click();
  await expect(friendPage.getByRole("heading", { name: "Check your inbox" })).toBeVisible({
    timeout: 30_000,
  });
  const verification = await mailTo(recipient, /^Confirm your email address$/);
  const link = verification.text.match(/https?:\/\/\S+\/verify-email\?token=\S+/)?.[0];
  expect(link).toBeDefined();
  const { pathname, search } = new URL(link!);
  await friendPage.goto(`${pathname}${search}`);
  await friendPage.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(friendPage.getByRole("status")).toContainText(`Thank you: ${recipient}`);
  await signIn(friendPage, { email: recipient, password: "a long enough password" });
  await friendPage.goto("/account/tickets");
  await expect(friendPage.getByRole("heading", { level: 1, name: "My tickets" })).toBeVisible();
  const theirs = friendPage.getByRole("article", { name: `${purchase.eventName}: ${seat}` });
  await expect(theirs).toBeVisible();
  await expect(theirs.getByRole("button", { name: `Transfer ${seat}` })).toBeVisible();
  const newCode = await theirs.locator(".ticket-code code").textContent();
  expect(newCode).not.toBe(ticket.code);
  await screenshot(friendPage, "transfer-ticket-received");
  await friend.close();

  // At the door: the buyer's old codes are refused with the reason, the new one gets in.
  const door = await browser.newContext({ baseURL });
  const desk = await door.newPage();
  await signIn(desk, ADMIN, "/organizer/check-in");
  await openNewDesk(desk, { eventId: purchase.eventId, listName: "Main entrance" });
  await typeAtTheDesk(desk, ticket.shortCode);
  await expect(lastResult(desk, "Refused")).toContainText(
    "Ticket void: transferred to another holder",
  );
  await typeAtTheDesk(desk, ticket.code);
  await expect(lastResult(desk, "Refused")).toContainText(
    "Ticket void: transferred to another holder",
  );
  await typeAtTheDesk(desk, newCode!);
  await expect(lastResult(desk, "Admitted").getByText(seat)).toBeVisible();
  await door.close();
});
