import { SERVICE_NAMES, SERVICE_PORTS, WEB_PORT } from "@marquee/service/ports";
import { describe, expect, it } from "vitest";
import { loadWebServerEnv } from "../src/config-environment";
import { listServices, readRepoFile } from "../src/repository";

// The list of services and ports (`@marquee/service/ports`) is the one source: the services'
// config, the local stack (scripts/) and the browser tests read it. What keeps a copy is held to it
// here and in compose-file.test.ts (docker-compose.yml, the README's table).

describe("the list of services and ports", () => {
  it("names every folder under apps/services, on ports of its own", () => {
    expect([...SERVICE_NAMES].sort()).toEqual(
      listServices()
        .map((s) => s.name)
        .sort(),
    );
    const ports = [WEB_PORT, ...Object.values(SERVICE_PORTS)];
    expect(new Set(ports).size).toBe(ports.length);
  });

  it.each(listServices())("leaves $name's package.json without a port of its own", ({ dir }) => {
    const pkg = JSON.parse(readRepoFile(`${dir}/package.json`)) as { marquee?: unknown };
    expect(pkg.marquee).toBeUndefined();
  });

  it("is where the web's local addresses of the services and of itself point", async () => {
    // Parsed with nothing set: the defaults `next dev` and `npm start` fall back on.
    const values = await loadWebServerEnv({});
    for (const name of SERVICE_NAMES)
      expect(values[`${name.toUpperCase()}_URL`], name).toBe(
        `http://127.0.0.1:${SERVICE_PORTS[name]}`,
      );
    expect(values.NEXTAUTH_URL).toBe(`http://localhost:${WEB_PORT}`);
  });
});
