import { randomUUID } from "node:crypto";
import { WaitingListOffered } from "@marquee/events/contracts/inventory";
import { createEvent } from "@marquee/events/create-event";
import { Topics } from "@marquee/events/topics";
import { waitFor } from "@marquee/testkit/wait-for";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "./harness";
import { startSmtpSink, type SmtpSink } from "./smtp-sink";

let sink: SmtpSink;
let h: Harness;
beforeAll(async () => {
  sink = await startSmtpSink();
  h = await startHarness(sink.port);
});
afterAll(async () => {
  await h?.stop();
  await sink?.close();
});

describe("the waiting-list offer email", () => {
  it("emails the customer once per offer: the seats, the deadline and the link that carts the hold", async () => {
    const email = `waiting-${randomUUID().slice(0, 8)}@example.com`;
    const eventId = randomUUID();
    const reservationId = randomUUID();
    const offer = createEvent(WaitingListOffered, {
      key: eventId,
      correlationId: randomUUID(),
      data: {
        entryId: randomUUID(),
        eventId,
        customerId: randomUUID(),
        email,
        reservationId,
        seats: [
          {
            seatId: randomUUID(),
            section: "Stalls <front>",
            row: "C",
            number: 7,
            priceCents: 4_500,
          },
          {
            seatId: randomUUID(),
            section: "Stalls <front>",
            row: "C",
            number: 8,
            priceCents: 4_500,
          },
        ],
        currency: "EUR",
        expiresAt: "2027-03-04T19:30:00.000Z",
      },
    });
    // Delivered, redelivered under the same id, and re-sent under a new one.
    await h.publish(Topics.inventoryReservations, offer);
    await h.publish(Topics.inventoryReservations, offer);
    await waitFor("the offer email", () => sink.to(email).length >= 1, { timeoutMs: 60_000 });
    const again = { ...offer, id: randomUUID() };
    await h.publish(Topics.inventoryReservations, again);
    await h.processed(again.id);
    await new Promise((resolve) => setTimeout(resolve, 500));

    const [mail, ...more] = sink.to(email);
    expect(more).toEqual([]);
    expect(mail?.subject).toBe("2 seats are waiting for you");
    const link = `http://shop.example.test:3000/events/${eventId}?offer=${reservationId}`;
    expect(mail?.text).toContain(link);
    expect(mail?.text).toContain("- Section Stalls <front>, row C, seat 7: €45.00");
    expect(mail?.text).toContain("Total: €90.00");
    expect(mail?.text).toContain("until 4 March 2027 at 19:30 UTC");
    expect(mail?.html).toContain(`href="${link}"`);
    expect(mail?.html).toContain("Stalls &lt;front&gt;");
    expect(mail?.html).not.toContain("<front>");
  });
});
