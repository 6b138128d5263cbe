import type pg from "pg";

/**
 * Raw SQL over a service's own `pg` pool, with the shape `@marquee/events` asks for (`SqlDb`:
 * `$queryRawUnsafe`, `$executeRawUnsafe`, `$transaction`), for the outbox relay and the event
 * consumers. They only ever run raw SQL, and through Prisma's interactive transactions each batch
 * cost about four times the CPU (measured: 3.6 ms against 0.9 ms for a transaction of seven small
 * queries), which every hop of a purchase pays. Same pool as the service's Prisma client (its
 * schema, its connection budget), see `sqlDbOf`.
 *
 * Results are pg's: `bigint` and `numeric` columns come back as strings, not BigInt / Decimal, so
 * queries cast what they read (`count(*)::int`), as this code base's do.
 */
/**
 * The slice of a database the outbox relay and the consumers need (`@marquee/events` uses these
 * types). Each service's pool sets `search_path` to its own schema, so unqualified table names
 * resolve there. A Prisma client fits too (Prisma declares `values` as any[]; unknown[] keeps
 * callers honest).
 */
export type SqlTx = {
  $executeRawUnsafe(query: string, ...values: unknown[]): PromiseLike<number>;
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): PromiseLike<T>;
};

export type SqlDb = SqlTx & {
  /**
   * BEGIN, `fn`, COMMIT; ROLLBACK if `fn` throws. `maxWait`: how long to wait for a connection;
   * `timeout`: how long the transaction may run — past it, its next query fails and it rolls
   * back (Prisma's interactive transactions behave the same way). `isolationLevel:
   * "RepeatableRead"`: every query of `fn` sees the database as of its first one, for reads that
   * must not see half of a change committed between two of them.
   */
  $transaction<R>(
    fn: (tx: SqlTx) => Promise<R>,
    options?: { maxWait?: number; timeout?: number; isolationLevel?: "RepeatableRead" },
  ): Promise<R>;
};

export class TransactionTimeoutError extends Error {
  constructor(what: string, ms: number) {
    super(`${what} after ${ms} ms`);
    this.name = "TransactionTimeoutError";
  }
}

const DEFAULT_MAX_WAIT_MS = 2_000;
const DEFAULT_TIMEOUT_MS = 5_000;

const connectWithin = async (pool: pg.Pool, ms: number): Promise<pg.PoolClient> => {
  let timer: NodeJS.Timeout | undefined;
  let timedOut = false;
  const connecting = pool.connect();
  try {
    return await Promise.race([
      connecting,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          timedOut = true;
          reject(new TransactionTimeoutError("no database connection free", ms));
        }, ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
    // A connection that arrives after we gave up goes straight back.
    if (timedOut) void connecting.then((client) => client.release()).catch(() => undefined);
  }
};

const rawOn = (run: (text: string, values: unknown[]) => Promise<pg.QueryResult>): SqlTx => ({
  $queryRawUnsafe: async <T>(query: string, ...values: unknown[]) =>
    (await run(query, values)).rows as T,
  $executeRawUnsafe: async (query: string, ...values: unknown[]) =>
    (await run(query, values)).rowCount ?? 0,
});

export const createSqlDb = (pool: pg.Pool): SqlDb => ({
  ...rawOn((text, values) => pool.query(text, values)),
  async $transaction(fn, options = {}) {
    const timeoutMs = options.timeout ?? DEFAULT_TIMEOUT_MS;
    const client = await connectWithin(pool, options.maxWait ?? DEFAULT_MAX_WAIT_MS);
    const deadline = Date.now() + timeoutMs;
    const expired = () => Date.now() > deadline;
    let broken = false;
    try {
      await client.query(
        options.isolationLevel === "RepeatableRead"
          ? "BEGIN ISOLATION LEVEL REPEATABLE READ"
          : "BEGIN",
      );
      const tx = rawOn((text, values) => {
        if (expired()) {
          return Promise.reject(new TransactionTimeoutError("transaction expired", timeoutMs));
        }
        return client.query(text, values);
      });
      const result = await fn(tx);
      if (expired()) throw new TransactionTimeoutError("transaction expired", timeoutMs);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {
        // The connection itself failed: do not give it back to the pool.
        broken = true;
      });
      throw error;
    } finally {
      client.release(broken);
    }
  },
});

type Remembered = { pool: pg.Pool; sibling: (max: number) => pg.Pool };
const pools = new WeakMap<object, Remembered>();

/**
 * Records the pool a service's Prisma client runs on (its `create<Service>Db` does), and how to
 * open another pool on the same database and schema (`ownConnectionOf`).
 */
export const rememberPool = <T extends object>(
  client: T,
  pool: pg.Pool,
  sibling: (max: number) => pg.Pool,
): T => {
  pools.set(client, { pool, sibling });
  return client;
};

const remembered = (client: object): Remembered => {
  const found = pools.get(client);
  if (!found) throw new Error("this client was not made by a create<Service>Db of @marquee/db");
  return found;
};

/** Raw SQL on the same pool as `client`, a Prisma client made by a `create<Service>Db`. */
export const sqlDbOf = (client: object): SqlDb => createSqlDb(remembered(client).pool);

/**
 * Raw SQL on a connection of its own (a one-connection pool on `client`'s database and schema), for
 * a worker that must never queue behind the service's requests for a connection: the outbox
 * relay. Under a rush every connection of the shared pool can be busy with requests, and events
 * that are already committed would wait for one (measured: payment's relay waited ~190 ms behind
 * 50 card payments). `end()` closes it.
 */
export const ownConnectionOf = (client: object): { db: SqlDb; end(): Promise<void> } => {
  const pool = remembered(client).sibling(1);
  return { db: createSqlDb(pool), end: () => pool.end() };
};
