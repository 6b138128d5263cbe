// Second stage of set-up, run once npm packages exist: database, migrations, Prisma clients,
// Kafka topics, the demo admin account. Reads DATABASE_URL and KAFKA_BROKERS, which
// scripts/marquee.mjs sets, ADMIN_EMAIL / ADMIN_PASSWORD (defaults in identity's README), and
// <SERVICE>_DB_PASSWORD (INVENTORY_DB_PASSWORD, …) where a service's role needs a password
// (production, compose; packages/db/README.md, Service roles).
import { generateClients } from "@marquee/db/generate";
import { ensureDatabase, migrate } from "@marquee/db/migrate";
import { services } from "@marquee/db/services";
import { ensureTopics } from "@marquee/events/ensure-topics";
import { createKafka } from "@marquee/events/kafka";

const databaseUrl = process.env.DATABASE_URL;
const brokers = process.env.KAFKA_BROKERS?.split(",");
if (!databaseUrl || !brokers)
  throw new Error("scripts/prepare.ts needs DATABASE_URL and KAFKA_BROKERS");

const log = (msg: string) => console.log(`[marquee]   ${msg}`);
const quiet = { debug: () => {}, info: () => {}, warn: console.warn, error: console.error };

await generateClients({ log });
const created = await ensureDatabase(databaseUrl);
if (created) log(`created database ${new URL(databaseUrl).pathname.slice(1)}`);
const rolePasswords = Object.fromEntries(
  services.flatMap(({ name }) => {
    const password = process.env[`${name.toUpperCase()}_DB_PASSWORD`];
    return password ? [[name, password]] : [];
  }),
);
await migrate({ url: databaseUrl, log, rolePasswords });
const topics = await ensureTopics(createKafka({ clientId: "marquee-setup", brokers, log: quiet }));
log(topics.length > 0 ? `created topics: ${topics.join(", ")}` : "topics in place");
// Imported only now: it needs the Prisma clients generated above, which a fresh clone lacks.
const { seedAdmin } = await import("@marquee/identity/seed-admin");
// Signing keys are not needed here: identity creates its local key file on first start.
const admin = await seedAdmin({
  databaseUrl,
  email: process.env.ADMIN_EMAIL || undefined,
  password: process.env.ADMIN_PASSWORD || undefined,
  // The demo admin is re-checked on every set-up; cost 10 keeps that quick. Real passwords are
  // hashed by identity itself with BCRYPT_COST.
  cost: 10,
});
log(`admin account ${admin}`);
// Imported only now, for the same reason: the demo catalog (venues, events, seat layouts).
const { seedCatalog } = await import("@marquee/catalog/seed");
log(await seedCatalog({ databaseUrl }));
