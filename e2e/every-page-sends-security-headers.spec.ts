import { expect, test, type APIResponse, type Page } from "@playwright/test";
import { ADMIN } from "./support/accounts";
import { signIn } from "./support/sign-in";

/** What every response of the web carries, whatever it is: page, redirect, API, file, 404. */
const expectSecurityHeaders = (headers: Record<string, string>, what: string) => {
  const csp = headers["content-security-policy"] ?? "";
  expect(csp, `${what}: Content-Security-Policy`).toMatch(
    /script-src 'self' 'nonce-[^']+' 'strict-dynamic'/,
  );
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(csp, what).toContain("object-src 'none'");
  // No evaluation of strings as JavaScript; 'wasm-unsafe-eval' (compiling the check-in desk's
  // WebAssembly QR decoder) is a different permission and allowed.
  expect(csp.split(/[\s;]+/), what).not.toContain("'unsafe-eval'");
  expect(headers["x-frame-options"], what).toBe("DENY");
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"], what).toContain("camera=(self)");
  expect(headers["permissions-policy"], what).toContain("microphone=()");
};

const nonceOf = (headers: Record<string, string>) =>
  /'nonce-([^']+)'/.exec(headers["content-security-policy"] ?? "")?.[1];

/** The storefront's first event, as the home page links it. */
const firstEventPath = async (page: Page) => {
  await page.goto("/");
  const href = await page.locator('a[href^="/events/"]').first().getAttribute("href");
  expect(href).toBeTruthy();
  return href!;
};

/**
 * Fails the test on any script or resource the policy refused while the page ran, and on any part
 * of a policy header the browser could not read (an unknown feature is ignored, and says so).
 */
const watchForViolations = (page: Page) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (
      /Content Security Policy|Refused to (execute|load|apply|connect|create)|Error with Permissions-Policy header/i.test(
        message.text(),
      )
    )
      violations.push(`${page.url()}: ${message.text()}`);
  });
  return violations;
};

test("every page, redirect, API answer and file carries the security headers, with a fresh nonce each time", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const violations = watchForViolations(page);
  const eventPath = await firstEventPath(page);
  const missing = "/orders/00000000-0000-4000-8000-000000000000";
  const signedOutRoutes = [
    "/",
    eventPath,
    "/sign-in",
    "/sign-up",
    "/verify-email",
    "/account/orders",
    "/organizer",
    missing,
    "/no-such-page",
  ];
  const responses: { what: string; response: APIResponse }[] = [];
  for (const route of signedOutRoutes) {
    responses.push({ what: route, response: await page.request.get(route, { maxRedirects: 0 }) });
  }
  const staticFile = await page
    .locator('script[src^="/_next/static/"]')
    .first()
    .getAttribute("src");
  for (const route of [
    "/api/health",
    "/api/auth/session",
    "/api/auth/csrf",
    `/api/trpc/events.list?input=${encodeURIComponent("{}")}`,
    "/api/orders/00000000-0000-4000-8000-000000000000/tickets.pdf",
    "/events/hamlet.svg",
    staticFile ?? "/_next/static/missing.js",
  ]) {
    responses.push({ what: route, response: await page.request.get(route, { maxRedirects: 0 }) });
  }
  for (const { what, response } of responses) expectSecurityHeaders(response.headers(), what);
  const nonces = responses.map(({ response }) => nonceOf(response.headers()));
  expect(new Set(nonces).size).toBe(nonces.length);

  // Signed in as the organizer: the pages the issue found framable render with the headers too.
  await signIn(page, ADMIN);
  for (const route of [
    "/account/orders",
    "/account/tickets",
    "/organizer",
    "/organizer/check-in",
    "/organizer/events/new",
    eventPath,
  ]) {
    const response = await page.goto(route);
    expect(response?.status(), route).toBe(200);
    expectSecurityHeaders(response!.headers(), `${route} (signed in)`);
    // Next put the response's nonce on its scripts, or hydration would not happen.
    const nonce = nonceOf(response!.headers());
    const scriptNonces = await page
      .locator("script")
      .evaluateAll((scripts) => scripts.map((script) => (script as HTMLScriptElement).nonce));
    expect(scriptNonces.length, route).toBeGreaterThan(0);
    expect(new Set(scriptNonces), route).toEqual(new Set([nonce]));
  }
  // The check-in desk works under the policy: its input takes a code once hydrated.
  await expect(page.getByRole("banner").getByText("Signed in as")).toBeVisible();
  expect(violations).toEqual([]);
});

test("pages still hydrate under the policy, and a script slipped into the markup does not run", async ({
  page,
}) => {
  const violations = watchForViolations(page);
  // What a stored injection would look like: the page's own HTML, with the policy it was served
  // with, plus an inline script that has no nonce.
  await page.route("**/sign-up", async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace(
      "</body>",
      "<script>window.injected = true</script></body>",
    );
    await route.fulfill({ response, body: html });
  });
  await page.goto("/sign-up");
  // The button is disabled until React hydrates: enabled means the nonce'd scripts ran.
  await expect(page.getByRole("button", { name: "Create account" })).toBeEnabled();
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Must be at least 10 characters.")).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { injected?: boolean }).injected)).toBe(
    undefined,
  );
  // The one refusal is the injected script's.
  expect(violations).toHaveLength(1);
  expect(violations[0]).toMatch(/inline script/i);
});

test("another site cannot frame the pages", async ({ page, baseURL }) => {
  await page.setContent(
    `<iframe id="framed" src="${baseURL}/sign-in" width="800" height="600"></iframe>`,
  );
  const frame = page.frameLocator("#framed");
  await page.waitForTimeout(2_000);
  await expect(frame.getByRole("heading", { name: "Sign in" })).toHaveCount(0);
});
