import { expect, test } from "@playwright/test";
import { continueAsGuest, guestEmail, payByCard } from "../support/storefront";

// Against the stack of docker-compose.yml, brought up by `npm run test:containers`: the demo data
// the set-up job loaded, the web container published on the host, MailDev's API beside it.
const MAILDEV = process.env.CONTAINERS_MAILDEV_URL ?? "http://localhost:1080";
const EVENT = "Late Night Jazz Quartet";

type Mail = { subject: string; to: { address: string }[]; html?: string; text?: string };

test("a guest buys a ticket from the compose stack and the email reaches MailDev", async ({
  page,
}) => {
  const email = guestEmail();
  // The web container loads each page's server code at its first request (the stack has just
  // come up on a machine that built it): the first pages get more time than later steps.
  const firstLoad = { timeout: 30_000 };
  await page.goto(`/?q=${encodeURIComponent(EVENT)}`);
  const card = page.getByRole("listitem").filter({ hasText: EVENT });
  await card.getByRole("link", { name: EVENT }).click(firstLoad);
  await expect(page.getByRole("heading", { level: 1, name: EVENT })).toBeVisible(firstLoad);

  const map = page.getByTestId("seat-map");
  await expect(map).toHaveAttribute("data-ready", "true", firstLoad);
  await expect(page.getByTestId("live-status")).toHaveText("Live", firstLoad);
  // Focus starts on the first free seat that is not a wheelchair space; Enter holds it.
  await map.focus();
  const seat = (await page.getByTestId("focused-seat").textContent()) ?? "";
  expect(seat).toMatch(/row \w+, seat \d+/);
  await page.keyboard.press("Enter");
  await continueAsGuest(page, email);

  const cart = page.getByTestId("cart");
  await expect(cart.getByRole("button", { name: "Checkout" })).toBeVisible({ timeout: 30_000 });
  await cart.getByRole("button", { name: "Checkout" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Checkout" })).toBeVisible(firstLoad);
  await payByCard(page, "4242 4242 4242 4242");
  await expect(page.getByRole("heading", { level: 1, name: /your order is in/ })).toBeVisible({
    timeout: 60_000,
  });
  await expect(page.getByTestId("email-status")).toContainText(`emailed to ${email}`, {
    timeout: 60_000,
  });
  const code = (await page.locator(".ticket-code").first().textContent())?.trim() ?? "";
  expect(code).toMatch(/^MQ1\.[\w-]+\.[\w-]+$/);

  // The tickets email in the maildev container, carrying the ticket's signed code.
  const inbox = async () => {
    const mails = (await (await fetch(`${MAILDEV}/email`)).json()) as Mail[];
    return mails.filter((mail) => mail.to.some((to) => to.address === email));
  };
  await expect.poll(async () => (await inbox()).length, { timeout: 30_000 }).toBe(1);
  const [mail] = await inbox();
  expect(`${mail!.html ?? ""}${mail!.text ?? ""}`).toContain(code);
});
