import { randomUUID } from "node:crypto";
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { customerCancelRequestId, eventCancelledRequestId } from "./refund-request-id";

describe("eventCancelledRequestId", () => {
  it("is the same UUID for the same order and differs between orders", () => {
    const order = randomUUID();
    const id = eventCancelledRequestId(order);
    expect(eventCancelledRequestId(order)).toBe(id);
    expect(eventCancelledRequestId(randomUUID())).not.toBe(id);
    expect(z.uuid().safeParse(id).success).toBe(true);
  });
});

describe("customerCancelRequestId", () => {
  it("is the same UUID for the same order and key, and differs by key, by order and from the event's", () => {
    const order = randomUUID();
    const id = customerCancelRequestId(order, "key-1");
    expect(customerCancelRequestId(order, "key-1")).toBe(id);
    expect(customerCancelRequestId(order, "key-2")).not.toBe(id);
    expect(customerCancelRequestId(randomUUID(), "key-1")).not.toBe(id);
    expect(eventCancelledRequestId(order)).not.toBe(id);
    expect(z.uuid().safeParse(id).success).toBe(true);
  });
});
