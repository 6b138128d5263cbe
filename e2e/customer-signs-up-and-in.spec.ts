import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";

test("a customer signs up, signs in, signs out and back in, and sees their name in the header", async ({
  page,
}) => {
  const email = `e2e-${randomUUID().slice(0, 12)}@example.com`;
  const password = "a long enough password";
  const name = `Ada ${randomUUID().slice(0, 6)}`;
  const header = page.getByRole("banner");

  await page.goto("/sign-up");
  await expect(page.getByRole("heading", { level: 1, name: "Create an account" })).toBeVisible();
  // A rule broken on purpose: the error names the field and the field is focused.
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Must be at least 10 characters.")).toBeVisible();
  await expect(page.getByLabel("Password")).toBeFocused();
  await expect(page.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  const sent = page.getByRole("status").filter({ hasText: "Check your inbox" });
  await expect(sent).toContainText(`We have sent an email to ${email} about your account`);
  const newAddressAnswer = (await sent.textContent()) ?? "";
  expect(newAddressAnswer).not.toBe("");

  // The same address again: the same answer, word for word (its owner gets an email instead).
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("Someone Else");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("another long password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Check your inbox" })).toHaveText(
    newAddressAnswer,
  );
  await expect(page.getByText(/already registered/i)).toHaveCount(0);

  await page.getByRole("link", { name: "Sign in" }).last().click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(header.getByText(`Signed in as ${name}`)).toBeVisible();

  await header.getByRole("button", { name: "Sign out" }).click();
  await expect(header.getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(header.getByText(name)).toHaveCount(0);

  await header.getByRole("link", { name: "Sign in" }).click();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("not my password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("The email or password is not right.")).toBeVisible();

  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(header.getByText(`Signed in as ${name}`)).toBeVisible();

  // The session the browser can read carries no access token.
  const session = await page.request.get("/api/auth/session");
  const body = (await session.json()) as { user?: { name?: string } };
  expect(body.user?.name).toBe(name);
  expect(JSON.stringify(body)).not.toMatch(/eyJ|accessToken/);
});
