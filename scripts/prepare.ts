// Second stage of set-up, run once npm packages exist: database, migrations, Prisma clients,
// Kafka topics. Reads DATABASE_URL and KAFKA_BROKERS, which scripts/marquee.mjs sets.
import { generateClients } from "@marquee/db/generate";
import { ensureDatabase, migrate } from "@marquee/db/migrate";
import { ensureTopics } from "@marquee/events/ensure-topics";
import { createKafka } from "@marquee/events/kafka";

const databaseUrl = process.env.DATABASE_URL;
const brokers = process.env.KAFKA_BROKERS?.split(",");
if (!databaseUrl || !brokers) throw new Error("scripts/prepare.ts needs DATABASE_URL and KAFKA_BROKERS");

const log = (msg: string) => console.log(`[marquee]   ${msg}`);
const quiet = { debug: () => {}, info: () => {}, warn: console.warn, error: console.error };

await generateClients({ log });
const created = await ensureDatabase(databaseUrl);
if (created) log(`created database ${new URL(databaseUrl).pathname.slice(1)}`);
await migrate({ url: databaseUrl, log });
const topics = await ensureTopics(createKafka({ clientId: "marquee-setup", brokers, log: quiet }));
log(topics.length > 0 ? `created topics: ${topics.join(", ")}` : "topics in place");
