/**
 * The failed tests of a run, named from the reporters' JSON, so the closing lines of `npm test`
 * say which tests failed and why without scrolling back through a long log.
 */

const firstLine = (text) =>
  String(text ?? "")
    // Reporters colour their messages; the closing summary is read as plain text.
    // eslint-disable-next-line no-control-regex
    .replace(/\u001b\[[0-9;]*m/g, "")
    .split("\n")
    .map((line) => line.trim())
    .find((line) => line.length > 0) ?? "";

/** Vitest's JSON report: every assertion that failed, with its file and first error line. */
export const vitestFailures = (report) =>
  (report?.testResults ?? []).flatMap((file) => {
    const failed = (file.assertionResults ?? []).filter((test) => test.status === "failed");
    if (failed.length === 0 && file.status === "failed") {
      // A file that failed before any test ran (an import error, a failing hook).
      return [{ where: file.name, name: "(the file itself)", reason: firstLine(file.message) }];
    }
    return failed.map((test) => ({
      where: file.name,
      name: test.fullName ?? test.title,
      reason: firstLine(test.failureMessages?.[0]),
    }));
  });

const playwrightSpecs = (suite) => [
  ...(suite.specs ?? []).map((spec) => ({ ...spec, file: spec.file ?? suite.file })),
  ...(suite.suites ?? []).flatMap(playwrightSpecs),
];

/** Playwright's JSON report: every test that did not end as expected, or passed only on a retry. */
export const playwrightFailures = (report) =>
  (report?.suites ?? []).flatMap(playwrightSpecs).flatMap((spec) =>
    (spec.tests ?? [])
      .filter((test) => test.status === "unexpected" || test.status === "flaky")
      .map((test) => {
        const failedResult = (test.results ?? []).find((result) => result.status !== "passed");
        return {
          where: `${spec.file}:${spec.line}`,
          name: spec.title,
          reason:
            (test.status === "flaky" ? "passed only on a retry; first: " : "") +
            firstLine(failedResult?.error?.message ?? failedResult?.errors?.[0]?.message),
        };
      }),
  );

/** One line per failure, for the end of the run. */
export const describeFailures = (failures) =>
  failures.map(({ where, name, reason }) => `✘ ${where} › ${name}${reason ? ` — ${reason}` : ""}`);
