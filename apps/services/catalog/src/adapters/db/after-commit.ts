import type { EventLog } from "@marquee/events/log";
import type { SqlDb, SqlTx } from "@marquee/events/sql";

export type AfterCommit = (tx: SqlTx, hook: () => Promise<unknown>) => void;

/**
 * Wraps the database handed to the event consumer so a handler can run work after its
 * transaction commits (and never if it rolls back): the live seat map push must not announce a
 * change the database does not have. A failing hook is logged; the commit stands.
 */
export const withAfterCommit = (
  db: SqlDb,
  log: EventLog,
): { db: SqlDb; afterCommit: AfterCommit } => {
  const pending = new WeakMap<SqlTx, Array<() => Promise<unknown>>>();
  const wrapped: SqlDb = {
    $executeRawUnsafe: (query, ...values) => db.$executeRawUnsafe(query, ...values),
    $queryRawUnsafe: <T>(query: string, ...values: unknown[]) =>
      db.$queryRawUnsafe<T>(query, ...values),
    async $transaction(fn, options) {
      let current: SqlTx | undefined;
      const result = await db.$transaction((tx) => {
        current = tx;
        return fn(tx);
      }, options);
      const hooks = current ? pending.get(current) : undefined;
      if (current) pending.delete(current);
      for (const hook of hooks ?? []) {
        await hook().catch((error: unknown) =>
          log.warn({ err: error }, "after-commit hook failed"),
        );
      }
      return result;
    },
  };
  return {
    db: wrapped,
    afterCommit: (tx, hook) => {
      const hooks = pending.get(tx) ?? [];
      hooks.push(hook);
      pending.set(tx, hooks);
    },
  };
};
