import { describe, expect, it } from "vitest";
import { environmentOf, loadComposeFile } from "../src/compose-file";
import {
  addressesIn,
  isLoopback,
  isLoopbackValue,
  loadConfigSchema,
  loadWebServerEnv,
  parseWith,
} from "../src/config-environment";
import { DESIGN_PORTS, INFRASTRUCTURE_PORTS } from "../src/design";
import { listServices } from "../src/repository";

// Every variable has a local default (127.0.0.1, a dev secret) so `npm start` needs no
// configuration. In a container those defaults are wrong: 127.0.0.1 is the container itself. So
// the environment the compose file gives a container must (1) pass the container's own config
// schema, as at start in production, and (2) leave no value pointing at loopback: a variable
// added to a config with a 127.0.0.1 default fails here until docker-compose.yml sets it.

const compose = loadComposeFile();

/** Hosts another container may be reached at, and on which ports. */
const reachable = new Map<string, readonly number[]>([
  ...Object.entries(DESIGN_PORTS).map(([name, port]) => [name, [port]] as const),
  ...Object.entries(INFRASTRUCTURE_PORTS),
]);

/** What is wrong with a parsed configuration inside its container, one line per variable. */
const problemsIn = (values: Record<string, unknown>, browserFacing: readonly string[] = []) =>
  Object.entries(values).flatMap(([variable, value]): string[] => {
    if (browserFacing.includes(variable)) return [];
    if (isLoopbackValue(value)) return [`${variable} is ${String(value)}: the container itself`];
    return addressesIn(value).flatMap(({ host, port }) => {
      if (isLoopback(host)) return [`${variable} points at ${host}: the container itself`];
      const ports = reachable.get(host);
      if (!ports) return [`${variable} points at ${host}, which docker-compose.yml does not run`];
      if (port !== undefined && !ports.includes(port))
        return [`${variable} reaches ${host} on ${port}; it listens on ${ports.join(", ")}`];
      return [];
    });
  });

describe("container environments", () => {
  it.each(listServices())(
    "gives $name every variable its config needs, reaching the other containers",
    async ({ name, dir }) => {
      const schema = await loadConfigSchema(dir, name);
      const env = environmentOf(compose.services[name] ?? {});
      const parsed = parseWith(schema, env);
      expect(parsed.ok ? [] : parsed.problems).toEqual([]);
      if (!parsed.ok) return;
      // Links in emails (notification's WEB_URL) are opened by the browser on the host.
      expect(problemsIn(parsed.values, ["WEB_URL"])).toEqual([]);
      expect(parsed.values.NODE_ENV).toBe("production");
      expect(parsed.values.HOST).toBe("0.0.0.0");
    },
  );

  it.each(listServices())(
    "runs $name as the number of processes <NAME>_PROCESSES says, one by default",
    async ({ name, dir }) => {
      const schema = await loadConfigSchema(dir, name);
      // Parsed as in development, where secrets may keep their local defaults: this checks only
      // that the compose variable reaches the service's PROCESSES (the test above checks the rest).
      const processesOf = (env: Record<string, string>) => {
        const service = loadComposeFile("docker-compose.yml", env).services[name] ?? {};
        const parsed = parseWith(schema, { ...environmentOf(service), NODE_ENV: "development" });
        return parsed.ok ? parsed.values.PROCESSES : parsed.problems;
      };
      expect(processesOf({})).toBe(1);
      expect(processesOf({ [`${name.toUpperCase()}_PROCESSES`]: "3" })).toBe(3);
    },
  );

  it("gives the web app the services' addresses and a session secret of its own", async () => {
    const env = environmentOf(compose.services.web ?? {});
    // No NEXTAUTH_SECRET ships in the file: the web's server.ts reads (or first generates) it
    // from NEXTAUTH_SECRET_FILE, on a volume, before the environment is parsed.
    expect(env.NEXTAUTH_SECRET).toBeUndefined();
    expect(env.NEXTAUTH_SECRET_FILE).toMatch(/^\/var\/lib\/marquee\/web\//);
    expect(compose.services.web?.volumes).toContain("web-secrets:/var/lib/marquee/web");
    const values = await loadWebServerEnv({ ...env, NEXTAUTH_SECRET: "s".repeat(43) });
    // The browser, on the host, reaches the web app at localhost: that URL is meant.
    expect(problemsIn(values, ["NEXTAUTH_URL"])).toEqual([]);
    expect(values.NEXTAUTH_URL).toBe(`http://localhost:${DESIGN_PORTS.web}`);
    const secrets = Object.keys(values).filter((variable) => /SECRET/.test(variable));
    expect(secrets.length).toBeGreaterThan(0);
    for (const secret of secrets)
      expect([secret, `${secret}_FILE`].some((name) => name in env)).toBe(true);
  });

  it("migrates on postgres with the credentials the postgres container is created with", () => {
    const postgres = environmentOf(compose.services.postgres ?? {});
    const expected = `postgresql://${postgres.POSTGRES_USER}:${postgres.POSTGRES_PASSWORD}@postgres:5432/${postgres.POSTGRES_DB}`;
    expect(environmentOf(compose.services.setup ?? {}).DATABASE_URL).toBe(expected);
    const pgbouncer = environmentOf(compose.services.pgbouncer ?? {});
    expect([pgbouncer.DB_USER, pgbouncer.DB_PASSWORD]).toEqual([
      postgres.POSTGRES_USER,
      postgres.POSTGRES_PASSWORD,
    ]);
  });

  it.each(listServices())(
    "connects $name through PgBouncer as its own role, with the password the set-up gives it",
    ({ name }) => {
      const postgres = environmentOf(compose.services.postgres ?? {});
      const setup = environmentOf(compose.services.setup ?? {});
      const url = new URL(environmentOf(compose.services[name] ?? {}).DATABASE_URL ?? "");
      expect(url.host).toBe("pgbouncer:6432");
      expect(url.pathname).toBe(`/${postgres.POSTGRES_DB}`);
      expect(url.username).toBe(`marquee_${name}`);
      expect(url.searchParams.has("options")).toBe(false);
      expect(decodeURIComponent(url.password)).toBe(setup[`${name.toUpperCase()}_DB_PASSWORD`]);
    },
  );
});
