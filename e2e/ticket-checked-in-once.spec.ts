import { expect, test } from "@playwright/test";
import { ADMIN } from "./support/accounts";
import { purchaseThroughApis } from "./support/purchase-through-apis";
import { signIn } from "./support/sign-in";
import { screenshot } from "./support/storefront";

test("a purchased ticket is checked in at the door, and a second scan is rejected", async ({
  page,
  browser,
  baseURL,
}) => {
  const purchase = await purchaseThroughApis(1);
  const ticket = purchase.tickets[0];
  if (!ticket) throw new Error("the purchase issued no ticket");

  await signIn(page, ADMIN, "/organizer/check-in");
  await expect(page.getByRole("heading", { level: 1, name: "Check-in" })).toBeVisible();
  const code = page.getByLabel("Ticket code");
  await expect(code).toBeFocused();

  await code.fill(ticket.code);
  await code.press("Enter");
  const admitted = page.getByRole("region", { name: "Admitted" });
  await expect(admitted).toBeVisible();
  await expect(admitted.getByText(purchase.eventName)).toBeVisible();
  await expect(
    admitted.getByText(`Section ${ticket.section}, row ${ticket.row}, seat ${ticket.number}`),
  ).toBeVisible();
  // Ready for the next guest.
  await expect(code).toHaveValue("");
  await expect(code).toBeFocused();

  await code.fill(ticket.code);
  await page.getByRole("button", { name: "Check in" }).click();
  const refused = page.getByRole("region", { name: "Refused" });
  await expect(refused.getByText("Already checked in", { exact: true })).toBeVisible();
  await expect(
    refused.getByText(
      `Section ${ticket.section}, row ${ticket.row}, seat ${ticket.number} was first scanned at`,
    ),
  ).toBeVisible();
  await expect(page.getByRole("region", { name: "Admitted" })).toHaveCount(0);
  await screenshot(page, "organizer-check-in-refused");

  // A code that was never issued (the real one with its signature altered) is not admitted either.
  const forged = `${ticket.code.slice(0, -2)}${ticket.code.endsWith("AA") ? "BB" : "AA"}`;
  await code.fill(forged);
  await code.press("Enter");
  await expect(refused.getByText(/Not a valid ticket|Unknown ticket/)).toBeVisible();

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
