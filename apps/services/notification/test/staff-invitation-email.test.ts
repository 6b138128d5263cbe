import { randomUUID } from "node:crypto";
import { StaffInvited } from "@marquee/events/contracts/identity";
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

const invited = (data: { email: string; token: string | null; expiresAt: string | null }) => {
  const invitationId = randomUUID();
  return createEvent(StaffInvited, {
    key: invitationId,
    correlationId: randomUUID(),
    data: {
      invitationId,
      events: [
        { eventId: randomUUID(), name: "Hamlet <matinee>" },
        { eventId: randomUUID(), name: "Jazz Quartet" },
      ],
      invitedByName: "Olga Organizer",
      ...data,
    },
  });
};

describe("the door staff invitation email", () => {
  it("links a new invitee to the acceptance page with the token, once per invitation", async () => {
    const email = `door-${randomUUID().slice(0, 8)}@example.com`;
    const token = `invite-${randomUUID()}`;
    const event = invited({
      email,
      token,
      expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    });
    await h.publish(Topics.identityAccounts, event);
    await h.publish(Topics.identityAccounts, { ...event, id: randomUUID() });
    await waitFor("the invitation email", () => sink.to(email).length >= 1, { timeoutMs: 60_000 });
    const again = { ...event, id: randomUUID() };
    await h.publish(Topics.identityAccounts, again);
    await h.processed(again.id);

    const [mail, ...more] = sink.to(email);
    expect(more).toEqual([]);
    expect(mail?.subject).toBe(
      "You are invited to check tickets in for Hamlet <matinee> and Jazz Quartet",
    );
    const link = `http://shop.example.test:3000/staff-invitation?token=${token}`;
    expect(mail?.text).toContain(link);
    expect(mail?.text).toContain("Olga Organizer invited you to work the door");
    expect(mail?.html).toContain(`href="${link}"`);
    expect(mail?.html).toContain("Hamlet &lt;matinee&gt;");
    expect(mail?.html).not.toContain("<matinee>");
  });

  it("tells an existing staff account its new events and points it at sign-in", async () => {
    const email = `door-${randomUUID().slice(0, 8)}@example.com`;
    await h.publish(Topics.identityAccounts, invited({ email, token: null, expiresAt: null }));
    await waitFor("the notice", () => sink.to(email).length >= 1, { timeoutMs: 60_000 });
    const [mail] = sink.to(email);
    expect(mail?.subject).toBe(
      "You can now check tickets in for Hamlet <matinee> and Jazz Quartet",
    );
    expect(mail?.text).toContain(
      "http://shop.example.test:3000/sign-in?callbackUrl=%2Forganizer%2Fcheck-in",
    );
    expect(mail?.text).not.toContain("staff-invitation");
  });
});
