import { describe, expect, it } from "vitest";
import { createCapturedLogger } from "./log-capture";

describe("createLogger", () => {
  it("redacts credentials in headers and nested inputs", () => {
    const { logger, lines } = createCapturedLogger();
    logger.info(
      {
        req: {
          headers: { authorization: "Bearer eyJ.secret", cookie: "sid=abc123", host: "web" },
        },
        input: { email: "ada@example.com", password: "hunter2", token: "guest-token" },
        res: { headers: { "set-cookie": "sid=abc123" } },
      },
      "login attempt",
    );
    const text = JSON.stringify(lines);
    for (const secret of ["eyJ.secret", "sid=abc123", "hunter2", "guest-token"]) {
      expect(text).not.toContain(secret);
    }
    expect(lines[0]).toMatchObject({
      level: "info",
      name: "test-service",
      msg: "login attempt",
      req: { headers: { authorization: "[redacted]", host: "web" } },
      input: { email: "ada@example.com", password: "[redacted]" },
    });
  });
});
