import { expect as baseExpect, test } from "@playwright/test";
import { seatLabel } from "@marquee/tickets/seat-label";
import { ADMIN } from "./support/accounts";
import { lastResult } from "./support/check-in-desk";
import { purchaseThroughApis } from "./support/purchase-through-apis";
import { signIn } from "./support/sign-in";
import { screenshot } from "./support/storefront";

// A scan is two hops (web, fulfillment); on a busy machine an answer can take several seconds.
const expect = baseExpect.configure({ timeout: 15_000 });

const IN_AN_HOUR_MS = 3_600_000;
// Crockford base32, the short codes' alphabet.
const SHORT_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

test("a desk admits a ticket once by its typed short code, undoes it, admits it again, and refuses another event's ticket, all from the keyboard", async ({
  page,
  browser,
  baseURL,
}) => {
  // Two purchases, each waiting for Kafka to carry it through four services: more than the default.
  test.setTimeout(180_000);
  // Tonight's event (the desk lists events from twelve hours ago on) and one of another event.
  const purchase = await purchaseThroughApis(1, { startsInMs: IN_AN_HOUR_MS });
  const ticket = purchase.tickets[0];
  const elsewhere = await purchaseThroughApis(1);
  const otherTicket = elsewhere.tickets[0];
  if (!ticket || !otherTicket) throw new Error("the purchases issued no ticket");
  expect(ticket.shortCode).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);

  await signIn(page, ADMIN, "/organizer/check-in");
  await expect(page.getByRole("heading", { level: 1, name: "Check-in" })).toBeVisible();

  // The event chosen with the arrow keys (soonest first: tonight's is near the top), then a new
  // check-in list typed and submitted with Enter.
  const event = page.getByLabel("Event");
  await event.focus();
  const options = await event.locator("option").count();
  for (let moves = 0; moves < options && (await event.inputValue()) !== purchase.eventId; moves++) {
    await page.keyboard.press("ArrowDown");
  }
  await expect(event).toHaveValue(purchase.eventId);
  await expect(page.getByText("No check-in list for this event yet")).toBeVisible();
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("List name")).toBeFocused();
  await page.keyboard.type("Main entrance");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 2, name: "Main entrance" })).toBeVisible();
  await expect(page.getByTestId("admitted-count")).toHaveText("0");
  await expect(page.getByTestId("expected-count")).toHaveText("1");

  // The short code as a person types it from the PDF: lower case.
  const code = page.getByLabel("Ticket code");
  await expect(code).toBeFocused();
  await page.keyboard.type(ticket.shortCode.toLowerCase());
  await page.keyboard.press("Enter");
  const seat = seatLabel(ticket);
  await expect(lastResult(page, "Admitted").getByText(seat)).toBeVisible();
  await expect(lastResult(page, "Admitted").getByText(purchase.eventName)).toBeVisible();
  await expect(page.getByTestId("admitted-count")).toHaveText("1");
  // Ready for the next guest.
  await expect(code).toHaveValue("");
  await expect(code).toBeFocused();

  // The same ticket again: refused, with when and where it went in.
  await page.keyboard.type(ticket.shortCode);
  await page.keyboard.press("Enter");
  await expect(lastResult(page, "Refused")).toContainText(
    /Already checked in at \d{2}:\d{2} \(Main entrance\)/,
  );
  await expect(lastResult(page, "Admitted")).toHaveCount(0);
  await expect(page.getByTestId("admitted-count")).toHaveText("1");
  await expect(code).toBeFocused();
  await screenshot(page, "organizer-check-in-refused");

  // Undo: the ticket is out again, and the count follows.
  await page.getByRole("button", { name: "Undo last check-in" }).focus();
  await page.keyboard.press("Enter");
  await expect(lastResult(page, "Check-in undone").getByText(seat)).toBeVisible();
  await expect(page.getByTestId("admitted-count")).toHaveText("0");
  await expect(code).toBeFocused();

  // Admitted again, this time by the QR's text (a handheld scanner types it).
  await code.fill(ticket.code);
  await page.keyboard.press("Enter");
  await expect(lastResult(page, "Admitted").getByText(seat)).toBeVisible();
  await expect(page.getByTestId("admitted-count")).toHaveText("1");

  // A genuine ticket of another event is refused and names its event.
  await page.keyboard.type(otherTicket.shortCode);
  await page.keyboard.press("Enter");
  await expect(lastResult(page, "Refused")).toContainText(
    `This ticket is for ${elsewhere.eventName} on`,
  );

  // A mistyped code (its check character changed) is caught as a typo.
  const last = ticket.shortCode.slice(-1);
  const typo = `${ticket.shortCode.slice(0, -1)}${SHORT_CODE_ALPHABET[(SHORT_CODE_ALPHABET.indexOf(last) + 1) % 32]}`;
  await code.fill(typo);
  await page.keyboard.press("Enter");
  await expect(lastResult(page, "Refused")).toContainText(
    "That code has a typo — check it and try again",
  );
  // A refused code stays in the field, selected: fix it, or type over it.
  await expect(code).toHaveValue(typo);
  await expect(code).toBeFocused();
  await expect(page.getByTestId("admitted-count")).toHaveText("1");

  // A reload reopens the same desk (event and list are in the address).
  await page.reload();
  await expect(page.getByRole("heading", { level: 2, name: "Main entrance" })).toBeVisible();
  await expect(page.getByTestId("admitted-count")).toHaveText("1");

  // The sale shows in the event's sales view: one seat sold, EUR 25.00 taken.
  await page.goto(`/organizer/events/${purchase.eventId}`);
  const sales = page.getByRole("region", { name: "Sales" });
  await expect(sales.getByTestId("seats-sold")).toHaveText("1", { timeout: 20_000 });
  await expect(sales.getByTestId("seats-available")).toHaveText("9");
  await expect(sales.getByTestId("revenue")).toHaveText("€25.00", { timeout: 20_000 });
  await expect(sales.getByRole("row", { name: /Floor/ }).getByRole("cell").nth(1)).toHaveText("1");

  // The customer's ticket now shows it was used.
  const customer = await browser.newContext({ baseURL });
  const customerPage = await customer.newPage();
  await signIn(customerPage, purchase.customer);
  await customerPage.goto("/account/tickets");
  await expect(
    customerPage
      .getByRole("article", { name: new RegExp(purchase.eventName) })
      .getByText("Checked in"),
  ).toBeVisible();
  await customer.close();
});
