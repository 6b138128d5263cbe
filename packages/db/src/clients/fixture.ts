import { withSchemaPool } from "../adapter";
import { PrismaClient } from "../../generated/fixture/client";

export { Prisma } from "../../generated/fixture/client";
export type {
  AppliedNote,
  Note,
  OutboxMessage,
  ProcessedMessage,
} from "../../generated/fixture/client";

/** The fixture has no home schema: tests migrate it into scratch ones (`fixture_a`, `fixture_b`). */
export type FixtureDbOptions = { url: string; schema: string; poolMax?: number };

/**
 * Client for the outbox/consumer test fixture: a producer writes `note` rows, a consumer applies
 * them to `applied_note`. Reaches only the given schema.
 */
export function createFixtureDb({ url, schema, poolMax }: FixtureDbOptions) {
  return withSchemaPool({ url, schema, poolMax }, (adapter) => new PrismaClient({ adapter }));
}

export type FixtureDb = ReturnType<typeof createFixtureDb>;
