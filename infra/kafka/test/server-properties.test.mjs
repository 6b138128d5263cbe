import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { portsFromProperties, renderProperties } from "../src/server-properties.mjs";
import { PROPERTIES_TEMPLATE } from "../src/settings.mjs";

const template = fs.readFileSync(PROPERTIES_TEMPLATE, "utf8");
const rendered = renderProperties(template, {
  port: 19092,
  controllerPort: 19093,
  logDirs: "/data/kafka-test/data",
});

describe("the rendered broker config", () => {
  it("listens and advertises on loopback at the given ports, with the controller as its voter", () => {
    expect(rendered).toMatch(
      /^listeners=PLAINTEXT:\/\/127\.0\.0\.1:19092,CONTROLLER:\/\/127\.0\.0\.1:19093$/m,
    );
    expect(rendered).toMatch(/^advertised\.listeners=PLAINTEXT:\/\/127\.0\.0\.1:19092$/m);
    expect(rendered).toMatch(/^controller\.quorum\.voters=1@127\.0\.0\.1:19093$/m);
    expect(rendered).toMatch(/^log\.dirs=\/data\/kafka-test\/data$/m);
  });

  it("leaves no placeholder and drops the template's comment on them, saying it is generated", () => {
    expect(rendered).not.toContain("{{");
    expect(rendered).not.toContain("replacing the {{...}} placeholders");
    expect(rendered.split("\n")[0]).toMatch(/^# GENERATED from infra\/kafka\/server\.properties/);
  });

  it("keeps topics from being created by accident", () => {
    expect(rendered).toMatch(/^auto\.create\.topics\.enable=false$/m);
  });

  it("writes Windows paths with forward slashes (Java properties read backslashes as escapes)", () => {
    const windows = renderProperties("log.dirs={{logDirs}}\n", { logDirs: "C:\\data\\kafka" });
    expect(windows).toContain("log.dirs=C:/data/kafka");
  });

  it("refuses a placeholder it has no value for", () => {
    expect(() => renderProperties("x={{nope}}\n", {})).toThrow("unknown placeholder {{nope}}");
  });

  it("gives back the ports it was rendered with", () => {
    expect(portsFromProperties(rendered)).toEqual({ port: 19092, controllerPort: 19093 });
    expect(portsFromProperties("node.id=1\n")).toEqual({
      port: undefined,
      controllerPort: undefined,
    });
  });
});
