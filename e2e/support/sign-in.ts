import { expect, type Page } from "@playwright/test";

/** Signs in through the sign-in page, as a person does, and waits for the header to say so. */
export const signIn = async (
  page: Page,
  { email, password }: { email: string; password: string },
  callbackUrl = "/",
): Promise<void> => {
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("banner").getByText("Signed in as")).toBeVisible();
};
