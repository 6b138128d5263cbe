import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { signIn } from "./support/sign-in";

const MAILDEV = `http://127.0.0.1:${process.env.TEST_MAILDEV_WEB_PORT ?? 11080}`;

type Mail = { subject: string; text: string; to: { address: string }[] };

test("a new customer gets a verification link by email and confirms their address with one click", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const email = `e2e-verify-${randomUUID().slice(0, 12)}@example.com`;
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("Grace Hopper");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a long enough password");
  await page.getByRole("button", { name: "Create account" }).click();
  // Sign-up hashes the password (bcrypt): slower than a click on a busy machine.
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible({
    timeout: 30_000,
  });
  await signIn(page, { email, password: "a long enough password" });

  // Identity → Kafka → notification → SMTP (MailDev's REST API).
  let mail: Mail | undefined;
  await expect
    .poll(
      async () => {
        const mails = (await (await fetch(`${MAILDEV}/api/email`)).json()) as Mail[];
        mail = mails.find((m) => m.to.some((to) => to.address === email));
        return mail?.subject;
      },
      { timeout: 60_000 },
    )
    .toBe("Confirm your email address");
  const link = mail?.text.match(/https?:\/\/\S+\/verify-email\?token=\S+/)?.[0];
  expect(link).toBeDefined();

  // The link names the storefront as browsers reach it; this test's browser uses the base URL.
  const { pathname, search } = new URL(link!);
  await page.goto(`${pathname}${search}`);
  await expect(page.getByRole("heading", { name: "Confirm your email address" })).toBeVisible();
  // Visiting alone confirms nothing: a mail scanner opening the link must not confirm for the owner.
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(page.getByRole("status")).toContainText(
    `Thank you: ${email} is your confirmed email address.`,
  );

  // The link again: already confirmed, nothing new.
  await page.goto(`${pathname}${search}`);
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(page.getByRole("status")).toContainText(`Already confirmed: ${email}`);

  // A broken link says so.
  await page.goto("/verify-email?token=not-a-token");
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: "This verification link is not valid." }),
  ).toBeVisible();
  // Signed in, they may ask for a new link right there; theirs is confirmed already.
  await page.getByRole("button", { name: "Email me a new link" }).click();
  await expect(page.getByRole("status")).toHaveText(`${email} is already confirmed.`);
});
