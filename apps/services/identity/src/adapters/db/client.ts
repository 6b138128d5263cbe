import { createIdentityDb, type IdentityDb } from "@marquee/db/identity";

/** The only place this service opens its database: schema `bc_identity`, nothing else reachable. */
export const createDb = (url: string): IdentityDb => createIdentityDb({ url });
