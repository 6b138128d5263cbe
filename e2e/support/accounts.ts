/** The organizer account the set-up seeds (ADMIN_EMAIL / ADMIN_PASSWORD override it). */
export const ADMIN = {
  email: process.env.ADMIN_EMAIL ?? "admin@marquee.local",
  password: process.env.ADMIN_PASSWORD ?? "marquee-admin-demo",
};
