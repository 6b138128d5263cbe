import { randomBytes } from "node:crypto";
import bcrypt from "bcrypt";

export type PasswordHasher = {
  hash(password: string): Promise<string>;
  /** Compares against `hash`, or against a dummy hash of the same cost when there is none. */
  verify(password: string, hash: string | null): Promise<boolean>;
};

/**
 * bcrypt through the native binding (runs on libuv's thread pool, off the event loop). An unknown
 * email is compared against a dummy hash of the same cost, so "no such account" and "wrong
 * password" take the same time.
 */
export const createPasswordHasher = async (cost: number): Promise<PasswordHasher> => {
  const dummyHash = await bcrypt.hash(randomBytes(18).toString("base64"), cost);
  return {
    hash: (password) => bcrypt.hash(password, cost),
    async verify(password, hash) {
      const matches = await bcrypt.compare(password, hash ?? dummyHash);
      return hash !== null && matches;
    },
  };
};
