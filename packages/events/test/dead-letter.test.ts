import { randomUUID } from "node:crypto";
import { waitFor } from "@marquee/testkit/wait-for";
import type { Consumer, Kafka, Producer } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningConsumer } from "../src/consumer";
import { deadLetterTopic, Topics } from "../src/topics";
import { appliedCount, freshSchemas, noteEvent, startNoteConsumer, testKafka } from "./fixture";

let ctx: Awaited<ReturnType<typeof freshSchemas>>;
let kafka: Kafka;
let producer: Producer;
let noteConsumer: RunningConsumer;
let dltReader: Consumer;
const deadLetters: Array<{ key: string; value: string; headers: Record<string, string> }> = [];

beforeAll(async () => {
  ctx = await freshSchemas("dlt");
  kafka = testKafka(ctx.log);
  dltReader = kafka.consumer({ groupId: `dlt-reader-${randomUUID()}` });
  await dltReader.connect();
  await dltReader.subscribe({ topic: deadLetterTopic(Topics.catalogEvents), fromBeginning: true });
  await dltReader.run({
    eachMessage: ({ message }) => {
      deadLetters.push({
        key: message.key?.toString() ?? "",
        value: message.value?.toString() ?? "",
        headers: Object.fromEntries(
          Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]),
        ),
      });
      return Promise.resolve();
    },
  });
  noteConsumer = await startNoteConsumer(kafka, ctx.consumerDb, ctx.log);
  producer = kafka.producer();
  await producer.connect();
});

afterAll(async () => {
  await producer?.disconnect();
  await noteConsumer?.stop();
  await dltReader?.disconnect();
  await ctx?.producerDb.$disconnect();
  await ctx?.consumerDb.$disconnect();
});

describe("dead-letter topic", () => {
  it("parks a message that is not JSON and keeps applying later messages of its partition", async () => {
    const key = randomUUID();
    const garbage = `not json ${randomUUID()}`;
    const later = noteEvent(key, "after the garbage");
    await producer.send({
      topic: Topics.catalogEvents,
      messages: [
        { key, value: garbage },
        { key, value: JSON.stringify(later) },
      ],
    });

    await waitFor(
      "the later event to be applied",
      async () => (await appliedCount(ctx.consumerDb, key)) === 1,
    );
    const parked = await waitFor("the garbage on the dead-letter topic", () =>
      deadLetters.find((m) => m.value === garbage),
    );
    expect(parked.key).toBe(key);
    expect(parked.headers["dlt-error"]).toContain("not JSON");
    expect(parked.headers["dlt-source"]).toMatch(/^catalog\.events\/\d+\/\d+$/);
    expect(
      ctx.log.lines.some((l) => l.level === "error" && l.msg === "message dead-lettered"),
    ).toBe(true);
  });

  it("parks an envelope whose data breaks the contract, naming the field", async () => {
    const key = randomUUID();
    const broken = { ...noteEvent(key, "x"), data: { eventId: key } };
    await producer.send({
      topic: Topics.catalogEvents,
      messages: [{ key, value: JSON.stringify(broken) }],
    });

    const parked = await waitFor("the broken envelope on the dead-letter topic", () =>
      deadLetters.find((m) => m.key === key),
    );
    expect(parked.headers["dlt-error"]).toContain("data.name");
    expect(await appliedCount(ctx.consumerDb, key)).toBe(0);
  });
});
