import { Kafka, logLevel } from "kafkajs";
import { describe, expect, it } from "vitest";
import { kafkaCheck, postgresCheck, runReadinessChecks } from "../src/readiness";

describe("readiness checks", () => {
  it("reports kafka failing by name when no broker answers", async () => {
    const admin = new Kafka({
      clientId: "readiness-test",
      brokers: ["127.0.0.1:1"],
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
    }).admin();
    const report = await runReadinessChecks({ kafka: kafkaCheck(admin) }, 2_000);
    await admin.disconnect();
    expect(report.status).toBe("not ready");
    expect(report.failing).toEqual(["kafka"]);
    expect(report.checks.kafka).toMatchObject({ status: "failing" });
  });

  it("runs SELECT 1 through the client handed to postgresCheck", async () => {
    const queries: string[] = [];
    const check = postgresCheck({
      $queryRawUnsafe: (sql) => {
        queries.push(sql);
        return Promise.resolve([{ "?column?": 1 }]);
      },
    });
    await check();
    expect(queries).toEqual(["SELECT 1"]);
  });

  it("reports a check that throws synchronously as failing instead of crashing the probe", async () => {
    const report = await runReadinessChecks({
      broken: () => {
        throw new Error("not configured");
      },
    });
    expect(report.checks.broken).toMatchObject({ status: "failing", error: "not configured" });
  });
});
