// The slice of a database the outbox and the consumers need, defined with the pg implementation
// services give them (`sqlDbOf`, @marquee/db/sql-db); a Prisma client fits it too.
export type { SqlDb, SqlTx } from "@marquee/db/sql-db";
