import { randomUUID } from "node:crypto";
import { callService } from "./service-api";

/** The organizer account the set-up seeds (ADMIN_EMAIL / ADMIN_PASSWORD override it). */
export const ADMIN = {
  email: process.env.ADMIN_EMAIL ?? "admin@marquee.local",
  password: process.env.ADMIN_PASSWORD ?? "marquee-admin-demo",
};

/** A new customer account with a unique email, registered through identity's API. */
export const registerBuyer = async (): Promise<{
  name: string;
  email: string;
  password: string;
}> => {
  const buyer = {
    name: `Buyer ${randomUUID().slice(0, 6)}`,
    email: `e2e-buyer-${randomUUID().slice(0, 12)}@example.com`,
    password: "a long enough password",
  };
  await callService("identity", "register", {
    email: buyer.email,
    password: buyer.password,
    displayName: buyer.name,
  });
  return buyer;
};
