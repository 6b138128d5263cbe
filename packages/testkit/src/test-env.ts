/**
 * Where tests find their infrastructure. Tests never touch the development stack: they use their
 * own database, Redis database index and Kafka broker, each overridable by env.
 */
const env = process.env;

export const testEnv = {
  databaseUrl: env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/marquee_test",
  redisUrl: env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379/1",
  kafkaPort: Number(env.TEST_KAFKA_PORT ?? 19092),
  kafkaControllerPort: Number(env.TEST_KAFKA_CONTROLLER_PORT ?? 19093),
  /** The test PgBouncer (transaction pooling) in front of the test database. */
  pgbouncerPort: Number(env.TEST_PGBOUNCER_PORT ?? 16432),
  /** The test Zipkin (infra/zipkin), started by the tests that read traces. */
  zipkinPort: Number(env.TEST_ZIPKIN_PORT ?? 19411),
  /** Set to use an external broker; otherwise the test broker is started from infra/kafka. */
  externalKafkaBrokers: env.TEST_KAFKA_BROKERS?.split(",").filter(Boolean),
};

export const testKafkaBrokers = (): string[] =>
  testEnv.externalKafkaBrokers ?? [`127.0.0.1:${testEnv.kafkaPort}`];

/**
 * The test database through the test PgBouncer as a service's role (`marquee_<name>`), with no
 * startup option: how services connect behind a pooler (packages/db/README.md).
 */
export const pooledTestDatabaseUrl = (role: string): string => {
  const url = new URL(testEnv.databaseUrl);
  url.username = role;
  url.password = "";
  url.hostname = "127.0.0.1";
  url.port = String(testEnv.pgbouncerPort);
  return url.toString();
};
