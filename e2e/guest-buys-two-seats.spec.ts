import { expect, test } from "@playwright/test";
import { seatLabel } from "@marquee/tickets/seat-label";
import {
  confirmWheelchairSpace,
  continueAsGuest,
  focusFirstSeat,
  guestEmail,
  openSeatMap,
  payByCard,
  publishEvent,
  screenshot,
} from "./support/storefront";

const MAILDEV = `http://127.0.0.1:${process.env.TEST_MAILDEV_WEB_PORT ?? 11080}`;

type Mail = {
  id: string;
  subject: string;
  to: { address: string }[];
  html?: string;
  text?: string;
  attachments?: { contentType: string; fileName?: string; generatedFileName?: string }[];
};

test("a guest finds an event, holds two seats, pays and gets the tickets by email", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const event = await publishEvent({ seats: 10, priceCents: 2_500 });
  const email = guestEmail();

  await page.goto(`/?q=${encodeURIComponent(event.name)}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Marquee");
  const card = page.getByRole("listitem").filter({ hasText: event.name });
  await expect(card).toBeVisible();
  await screenshot(page, "events");
  await card.getByRole("link", { name: event.name }).click();

  await expect(page.getByRole("heading", { level: 1, name: event.name })).toBeVisible();
  await openSeatMap(page, event.eventId);
  await focusFirstSeat(page);
  await page.keyboard.press("Enter");
  await confirmWheelchairSpace(page);
  await continueAsGuest(page, email);

  const cart = page.getByTestId("cart");
  await expect(cart.getByText("Floor, row A, seat 1")).toBeVisible();
  await expect(page.getByTestId("focused-seat")).toContainText(
    "row A, seat 1, Main €25.00, in your cart",
  );
  await page.getByTestId("seat-map").focus();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByTestId("focused-seat")).toContainText("row A, seat 2");
  await page.keyboard.press("Enter");
  await expect(cart.getByText("Floor, row A, seat 2")).toBeVisible();

  // A third seat, then changed minds: removing it puts it back on sale.
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("Enter");
  await expect(cart.getByText("Floor, row A, seat 3")).toBeVisible();
  await expect(page.getByTestId("availability")).toContainText("7 available · 3 held");
  await cart
    .getByRole("button", { name: `Remove ${seatLabel({ section: "Floor", row: "A", number: 3 })}` })
    .click();
  // Web → ordering → inventory and back: allow for a machine busy with the whole stack.
  await expect(cart.getByText("Removed; the seat is back on sale.")).toBeVisible({
    timeout: 15_000,
  });
  await expect(cart.getByText("Floor, row A, seat 3")).toHaveCount(0);
  await expect(page.getByTestId("cart-total")).toHaveText("€50.00");
  await expect(cart.getByTestId("countdown")).toHaveText(/^1[45]:\d\d$/);
  await expect(page.getByTestId("availability")).toContainText("8 available · 2 held");
  await screenshot(page, "seat-map-with-hold");

  await cart.getByRole("button", { name: "Checkout" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Checkout" })).toBeVisible();
  await expect(page.getByText(`Tickets go to ${email} (guest checkout).`)).toBeVisible();
  await screenshot(page, "checkout");
  await payByCard(page, "4242 4242 4242 4242");

  await expect(page.getByRole("heading", { level: 1, name: /your order is in/ })).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByTestId("email-status")).toContainText(`emailed to ${email}`, {
    timeout: 45_000,
  });
  const qr = page.getByRole("img", { name: /^QR code of ticket / });
  await expect(qr).toHaveCount(2);
  await expect(page.getByRole("link", { name: "Download PDF" })).toBeVisible();
  await screenshot(page, "confirmation");

  // The email in the SMTP sink (MailDev's REST API): to the guest, with both tickets.
  const inbox = async () => {
    const mails = (await (await fetch(`${MAILDEV}/api/email`)).json()) as Mail[];
    return mails.filter((mail) => mail.to.some((to) => to.address === email));
  };
  await expect.poll(async () => (await inbox()).length, { timeout: 30_000 }).toBe(1);
  const mine = await inbox();
  const mail = mine[0]!;
  const body = `${mail.html ?? ""}${mail.text ?? ""}`;
  expect(body).toContain("row A");
  // The two tickets on the page, two different signed codes, each of them in the email.
  const codes = (await page.locator(".ticket-code").allTextContents()).map((code) => code.trim());
  expect(codes).toHaveLength(2);
  expect(new Set(codes).size).toBe(2);
  for (const code of codes) {
    expect(code).toMatch(/^MQ1\.[\w-]+\.[\w-]+$/);
    expect(body).toContain(code);
  }
  expect(mail.attachments?.some((a) => a.contentType === "application/pdf")).toBe(true);
});
