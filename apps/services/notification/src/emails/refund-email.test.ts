import { describe, expect, it } from "vitest";
import { formatMoney, renderRefundEmail } from "./refund-email";

describe("refund email", () => {
  it("shows minor units in the currency's own digits", () => {
    expect(formatMoney(4_500, "EUR")).toBe("€45.00");
    expect(formatMoney(500, "JPY")).toBe("JP¥500");
  });

  it("escapes the reason in HTML", () => {
    const email = renderRefundEmail({
      kind: "refund",
      orderId: "o-1",
      refundId: "r-1",
      amountCents: 1_000,
      currency: "EUR",
      reason: "<script>seat taken</script>",
    });
    expect(email.subject).toBe("Your refund of €10.00");
    expect(email.html).not.toContain("<script>");
    expect(email.html).toContain("&lt;script&gt;seat taken&lt;/script&gt;");
    expect(email.text).toContain("Why: <script>seat taken</script>");
  });

  it("tells the buyer of a cancelled event that it is off, naming it and the amount", () => {
    const email = renderRefundEmail({
      kind: "refund",
      orderId: "o-1",
      refundId: "r-1",
      amountCents: 9_000,
      currency: "EUR",
      reason: "The event was cancelled by its organizer.",
      refundKind: "event-cancelled",
      eventName: "Jazz <Night>",
    });
    expect(email.subject).toBe("Jazz <Night> is cancelled: €90.00 refunded");
    expect(email.text).toContain("Jazz <Night> has been cancelled by its organizer");
    expect(email.html).toContain("Jazz &lt;Night&gt; has been cancelled");
  });
});
