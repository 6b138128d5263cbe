import { fail, ok, type Result } from "./result";

// Only `refusing` creates and catches these, so a refusal can never leak out as an error.
class Refusal extends Error {
  constructor(
    readonly owner: symbol,
    readonly error: unknown,
  ) {
    super("refused");
  }
}

/** Ends the work `refusing` runs with `error`; typed `never` so it reads like `throw`. */
export type Refuse<E> = (error: E) => never;

/**
 * Runs `work` (typically a database transaction) and answers its value, or the error it was
 * refused with: `refuse` throws, so a transaction around it rolls back, and the refusal comes back
 * a value instead of an error. Everything else `work` throws propagates as it was. Each call
 * catches only its own refusals, so nested calls keep theirs apart.
 */
export const refusing = async <T, E>(
  work: (refuse: Refuse<E>) => Promise<T>,
): Promise<Result<T, E>> => {
  const owner = Symbol("refusal");
  const refuse: Refuse<E> = (error) => {
    throw new Refusal(owner, error);
  };
  try {
    return ok(await work(refuse));
  } catch (error) {
    if (error instanceof Refusal && error.owner === owner) return fail(error.error as E);
    throw error;
  }
};
