import { describe, expect, it } from "vitest";
import { describeFailures, playwrightFailures, vitestFailures } from "./test-failures.mjs";

describe("the failures named at the end of a run", () => {
  it("names each failed vitest test with its file and the first line of its error", () => {
    const report = {
      testResults: [
        {
          name: "/repo/a.test.ts",
          status: "failed",
          assertionResults: [
            { status: "passed", fullName: "works" },
            {
              status: "failed",
              fullName: "holds › refuses a taken seat",
              failureMessages: [
                "\n\u001b[31mAssertionError: expected 1 to be 2\u001b[39m\n    at x",
              ],
            },
          ],
        },
        {
          name: "/repo/b.test.ts",
          status: "failed",
          assertionResults: [],
          message: "Cannot find module 'x'",
        },
        { name: "/repo/c.test.ts", status: "passed", assertionResults: [{ status: "passed" }] },
      ],
    };
    expect(describeFailures(vitestFailures(report))).toEqual([
      "✘ /repo/a.test.ts › holds › refuses a taken seat — AssertionError: expected 1 to be 2",
      "✘ /repo/b.test.ts › (the file itself) — Cannot find module 'x'",
    ]);
  });

  it("names failed and retried journeys, in nested suites too, and nothing for a green run", () => {
    const test = (status, results) => ({ status, results });
    const report = {
      suites: [
        {
          file: "a.spec.ts",
          specs: [
            { title: "passes", line: 3, tests: [test("expected", [{ status: "passed" }])] },
            {
              title: "buys a seat",
              line: 9,
              tests: [
                test("unexpected", [
                  { status: "timedOut", error: { message: "Timeout 5000ms exceeded.\nmore" } },
                ]),
              ],
            },
          ],
          suites: [
            {
              specs: [
                {
                  title: "waits in the room",
                  file: "b.spec.ts",
                  line: 4,
                  tests: [
                    test("flaky", [
                      { status: "failed", errors: [{ message: "expected 3" }] },
                      { status: "passed" },
                    ]),
                  ],
                },
              ],
            },
          ],
        },
      ],
    };
    expect(describeFailures(playwrightFailures(report))).toEqual([
      "✘ a.spec.ts:9 › buys a seat — Timeout 5000ms exceeded.",
      "✘ b.spec.ts:4 › waits in the room — passed only on a retry; first: expected 3",
    ]);
    expect(
      playwrightFailures({ suites: [report.suites[0].specs[0]].map((s) => ({ specs: [s] })) }),
    ).toEqual([]);
    expect(playwrightFailures(undefined)).toEqual([]);
  });
});
