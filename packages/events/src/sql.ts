/**
 * The slice of a service's Prisma client the outbox and consumer need. Each service's client sets
 * `search_path` to its own schema, so the unqualified table names below resolve to that schema.
 */
export type SqlTx = {
  // Prisma declares `values` as any[]; unknown[] keeps callers honest.
  $executeRawUnsafe(query: string, ...values: unknown[]): PromiseLike<number>;
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): PromiseLike<T>;
};

export type SqlDb = SqlTx & {
  $transaction<R>(
    fn: (tx: SqlTx) => Promise<R>,
    options?: { maxWait?: number; timeout?: number },
  ): Promise<R>;
};
