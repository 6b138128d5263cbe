/**
 * What the sign-in form gets back when identity wants a solved proof of work (purpose `sign-in`)
 * with the next attempt: after a few failures from this address on this account, or many on the
 * account from anywhere. The form solves one and tries again. (Shared by the server's credentials
 * provider and the browser's form.)
 */
export const PROOF_REQUIRED = "proof-required";
