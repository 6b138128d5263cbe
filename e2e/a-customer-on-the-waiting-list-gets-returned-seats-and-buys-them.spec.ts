import { expect, test } from "@playwright/test";
import { registerBuyer } from "./support/accounts";
import { callService } from "./support/service-api";
import { signIn } from "./support/sign-in";
import { payByCard, publishEvent, screenshot } from "./support/storefront";

const MAILDEV = `http://127.0.0.1:${process.env.TEST_MAILDEV_WEB_PORT ?? 11080}`;

type Mail = { subject: string; to: { address: string }[]; text?: string };

test("a customer on a sold-out event's waiting list follows the offer email and buys the seat that came back", async ({
  page,
}) => {
  test.setTimeout(180_000);
  // Two rows of two: row A's seats are wheelchair spaces (never offered by the list), row B's two
  // ordinary seats are what sells out.
  const event = await publishEvent({ seats: 4 });
  const seller = await registerBuyer();
  const { accessToken } = await callService<{ accessToken: string }>("identity", "login", {
    email: seller.email,
    password: seller.password,
  });
  const held = await callService<{ reservationId: string }>(
    "inventory",
    "holdBestAvailable",
    { eventId: event.eventId, quantity: 2 },
    { token: accessToken },
  );

  // Sold out: a visitor is asked to sign in; a customer joins the line for one seat.
  await page.goto(`/events/${event.eventId}`);
  const list = page.getByTestId("waiting-list");
  await expect(list.getByText("This event is sold out.")).toBeVisible();
  await expect(list.getByRole("link", { name: "Sign in with an account" })).toBeVisible();

  const buyer = await registerBuyer();
  await signIn(page, buyer, `/events/${event.eventId}`);
  await expect(list.getByText("This event is sold out.")).toBeVisible();
  await list.getByLabel("Number of seats").selectOption("1");
  await expect(list.getByLabel("Section")).toHaveValue("");
  await list.getByRole("button", { name: "Join the waiting list" }).click();
  await expect(list.getByTestId("waiting-list-place")).toHaveText(
    /^You are number 1 in line for 1 seat\./,
  );
  await screenshot(page, "waiting-list-joined");

  // The seller gives the seats back: the first in line gets one held and an email.
  await callService(
    "inventory",
    "release",
    { reservationId: held.reservationId },
    { token: accessToken },
  );
  const offerMail = async () => {
    const mails = (await (await fetch(`${MAILDEV}/api/email`)).json()) as Mail[];
    return mails.find(
      (mail) =>
        mail.to.some((to) => to.address === buyer.email) &&
        mail.subject.includes("waiting for you"),
    );
  };
  await expect
    .poll(async () => (await offerMail())?.subject, { timeout: 45_000 })
    .toBe("A seat is waiting for you");
  const mail = (await offerMail())!;
  expect(mail.text).toMatch(/Section Floor, row B, seat [12]: €25\.00/);
  const link = mail.text?.match(/https?:\/\/\S+\/events\/[\w-]+\?offer=[\w-]+/)?.[0];
  expect(link).toBeTruthy();
  const { pathname, search } = new URL(link!);
  expect(pathname).toBe(`/events/${event.eventId}`);

  // The link puts the offered hold in the cart, counting down like any hold.
  await page.goto(`${pathname}${search}`);
  const cart = page.getByTestId("cart");
  await expect(cart.getByText(/Floor, row B, seat [12]/)).toBeVisible({ timeout: 15_000 });
  await expect(cart.getByTestId("countdown")).toHaveText(/^1[45]:\d\d$/);
  await expect(
    page.getByText("The seats offered to you are in your cart. Pay before their time runs out."),
  ).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/events/${event.eventId}$`));
  await screenshot(page, "waiting-list-offer-in-cart");

  await cart.getByRole("button", { name: "Checkout" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Checkout" })).toBeVisible();
  await payByCard(page, "4242 4242 4242 4242");
  await expect(page.getByRole("heading", { level: 1, name: /your order is in/ })).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByRole("img", { name: /^QR code of ticket / })).toHaveCount(1);

  // Bought: the list shows nothing left to wait for.
  await page.goto(`/events/${event.eventId}`);
  await expect(page.getByTestId("seat-map")).toHaveAttribute("data-ready", "true");
  await expect(page.getByTestId("waiting-list-place")).toHaveCount(0);
});
