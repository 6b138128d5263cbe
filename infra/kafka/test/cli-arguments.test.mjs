import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCliArguments } from "../src/cli-arguments.mjs";

describe("the kafka.mjs command line", () => {
  it("reads the command and only the options given", () => {
    expect(parseCliArguments(["start"])).toEqual({ command: "start", help: false, options: {} });
    expect(
      parseCliArguments(["start", "--port", "19092", "--controller-port=19093"], { cwd: "/repo" }),
    ).toEqual({
      command: "start",
      help: false,
      options: { port: 19092, controllerPort: 19093 },
    });
  });

  it("resolves --data-dir against the working directory", () => {
    const { options } = parseCliArguments(["stop", "--data-dir", ".data/kafka-test"], {
      cwd: "/repo",
    });
    expect(options.dataDir).toBe(path.resolve("/repo", ".data/kafka-test"));
  });

  it("takes -h and --help, with or without a command", () => {
    expect(parseCliArguments(["-h"])).toEqual({ command: undefined, help: true, options: {} });
    expect(parseCliArguments(["status", "--help"]).help).toBe(true);
  });

  it.each([
    [["start", "--port", "abc"], '--port expects a port number (1-65535), got "abc"'],
    [["start", "--port", "70000"], '--port expects a port number (1-65535), got "70000"'],
    [["start", "--controller-port", "9.5"], "--controller-port expects a port number"],
    [["start", "--port"], "--port"],
    [["start", "--verbose"], "Unknown option '--verbose'"],
    [["start", "now"], "unexpected argument now"],
    [["launch"], 'unknown command "launch" (use fetch, start, stop, status)'],
    [["stop", "--data-dir="], "--data-dir needs a directory"],
  ])("refuses %j naming what is wrong", (argv, message) => {
    expect(() => parseCliArguments(argv)).toThrow(message);
  });
});
