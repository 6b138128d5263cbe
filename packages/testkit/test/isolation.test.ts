import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isolate } from "../src/isolation";
import { createTestKafka } from "../src/service-harness";

// Topic names written out: @marquee/events depends on this package for its own tests.
const ORDERS = "ordering.orders";
const RESERVATIONS = "inventory.reservations";

const kafka = createTestKafka();
const admin = kafka.admin();
const producer = kafka.producer();

beforeAll(async () => {
  await Promise.all([admin.connect(), producer.connect()]);
});
afterAll(async () => {
  await Promise.all([admin.disconnect(), producer.disconnect()]);
});

const positionOf = async (groupId: string, topic: string) => {
  const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
  return offsets?.partitions.map(({ partition, offset }) => ({ partition, offset })) ?? [];
};

describe("isolated consumer groups", () => {
  it("start each group at the current end of its topic, so earlier messages are not read", async () => {
    const topic = ORDERS;
    // Something on every partition before the isolation, so the end is above zero everywhere.
    const before = await admin.fetchTopicOffsets(topic);
    await producer.send({
      topic,
      messages: before.map(({ partition }) => ({ partition, value: `before-${randomUUID()}` })),
    });
    const ends = await admin.fetchTopicOffsets(topic);

    const isolation = await isolate("payment", { orders: topic });
    try {
      const position = await positionOf(`${isolation.groupPrefix}.orders`, topic);
      expect(position.sort((a, b) => a.partition - b.partition)).toEqual(
        ends
          .map(({ partition, high }) => ({ partition, offset: high }))
          .sort((a, b) => a.partition - b.partition),
      );
      expect(ends.every(({ high }) => Number(high) > 0)).toBe(true);
    } finally {
      await isolation.drop();
    }
  });

  it("give every purpose a group of its own, positioned on its own topic", async () => {
    const isolation = await isolate("payment", {
      orders: ORDERS,
      reservations: RESERVATIONS,
    });
    try {
      for (const [purpose, topic] of [
        ["orders", ORDERS],
        ["reservations", RESERVATIONS],
      ] as const) {
        const ends = await admin.fetchTopicOffsets(topic);
        const position = await positionOf(`${isolation.groupPrefix}.${purpose}`, topic);
        expect(position.map((p) => p.offset).every((o) => o !== "-1")).toBe(true);
        expect(position.length).toBe(ends.length);
      }
    } finally {
      await isolation.drop();
    }
  });
});
