import type { OrderError } from "../domain/errors";

/** Carries an expected refusal out of a transaction so it rolls back, then becomes a value again. */
export class Refused extends Error {
  constructor(readonly error: OrderError) {
    super(error.kind);
  }
}
