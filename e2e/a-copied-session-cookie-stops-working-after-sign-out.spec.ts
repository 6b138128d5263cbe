import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { callService } from "./support/service-api";
import { signIn } from "./support/sign-in";

test("a copy of the session cookie stops working once its owner signs out", async ({
  page,
  browser,
}) => {
  const email = `e2e-signout-${randomUUID().slice(0, 12)}@example.com`;
  const password = "a long enough password";
  const name = `Ada ${randomUUID().slice(0, 6)}`;
  await callService("identity", "register", { email, password, displayName: name });
  await signIn(page, { email, password });

  // Someone copies the cookies (a shared computer, a stolen backup) into a browser of their own.
  const copied = await page.context().cookies();
  expect(copied.some((cookie) => cookie.name.includes("next-auth.session-token"))).toBe(true);
  const elsewhere = await browser.newContext();
  await elsewhere.addCookies(copied);
  const thief = await elsewhere.newPage();
  await thief.goto("/account/orders");
  await expect(thief.getByRole("banner").getByText(`Signed in as ${name}`)).toBeVisible();

  await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();

  // The copy is refused everywhere it could be used: pages, the session, the web's API.
  await thief.goto("/account/orders");
  await expect(thief).toHaveURL(/\/sign-in\?callbackUrl=/);
  await expect(thief.getByRole("banner").getByText("Signed in as")).toHaveCount(0);
  const session = await elsewhere.request.fetch("/api/auth/session");
  expect(await session.json()).toEqual({});
  const orders = await elsewhere.request.get(
    `/api/trpc/account.orders?input=${encodeURIComponent("{}")}`,
  );
  expect(orders.status()).toBe(401);
  await elsewhere.close();
});
