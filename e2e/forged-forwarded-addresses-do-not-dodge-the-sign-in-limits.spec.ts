import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { callService } from "./support/service-api";

/** One sign-in attempt as the sign-in form makes it, with a forwarded address of the caller's choosing. */
const attempt = async (
  request: APIRequestContext,
  { email, password, forwardedFor }: { email: string; password: string; forwardedFor: string },
) => {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as {
    csrfToken: string;
  };
  const response = await request.post("/api/auth/callback/credentials", {
    form: { email, password, csrfToken, json: "true" },
    headers: { "x-forwarded-for": forwardedFor },
    maxRedirects: 0,
  });
  const { url } = (await response.json()) as { url: string };
  return new URL(url).searchParams.get("error");
};

test("changing X-Forwarded-For on each guess does not reset the sign-in limits", async ({
  request,
}) => {
  const email = `e2e-guessed-${randomUUID().slice(0, 12)}@example.com`;
  await callService("identity", "register", {
    email,
    password: "the owner's password",
    displayName: "Owner",
  });

  const errors: (string | null)[] = [];
  for (let i = 1; i <= 4; i += 1) {
    errors.push(
      await attempt(request, { email, password: `guess ${i}`, forwardedFor: `203.0.113.${i}` }),
    );
  }
  // Identity counts every guess against the one address the web saw, whatever the header said:
  // after three failures it wants a proof of work.
  expect(errors).toEqual([
    "invalid email or password",
    "invalid email or password",
    "invalid email or password",
    "proof-required",
  ]);
});
