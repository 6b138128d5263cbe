import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { callService } from "./support/service-api";

// Each of these, as a location on the site, sends a browser to another host.
const CRAFTED = [
  "//evil.example/",
  "/\\evil.example/",
  "/\t/evil.example/",
  "/%09/evil.example/",
  "https://evil.example/",
  "javascript:alert(1)",
];

test("a sign-in link with a crafted callbackUrl leads back to the site, not away", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const email = `e2e-redirect-${randomUUID().slice(0, 12)}@example.com`;
  const password = "a long enough password";
  await callService("identity", "register", { email, password, displayName: "Careful Clicker" });
  const origin = new URL(baseURL!).origin;

  for (const callbackUrl of CRAFTED) {
    await page.context().clearCookies();
    await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("banner").getByText("Signed in as")).toBeVisible();
    expect(new URL(page.url()).origin, callbackUrl).toBe(origin);
    expect(new URL(page.url()).pathname, callbackUrl).toBe("/");
  }

  // A same-site path still works.
  await page.context().clearCookies();
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent("/account/orders")}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`${origin}/account/orders`);
});
