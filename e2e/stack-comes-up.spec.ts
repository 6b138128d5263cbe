import { expect, test } from "@playwright/test";
import { services } from "./support/services";

test("every service reports ready with its database, Redis and Kafka reachable", async ({
  request,
}) => {
  for (const [name, port] of services) {
    const res = await request.get(`http://127.0.0.1:${port}/readyz`);
    expect(res.status(), `${name} /readyz`).toBe(200);
    const body = (await res.json()) as { checks?: Record<string, unknown> };
    expect(Object.keys(body.checks ?? {}).sort(), `${name} checks`).toEqual(
      expect.arrayContaining(["kafka", "postgres", "redis"]),
    );
  }
});

test("a visitor opens the storefront in the browser", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Marquee");
});
