import { loadConfig as loadCatalogConfig } from "@marquee/catalog/config";
import { createCatalogService } from "@marquee/catalog/service";
import { createLogger } from "@marquee/service/logger";
import { serviceTestEnv } from "@marquee/testkit/service-harness";
import { testEnv } from "@marquee/testkit/test-env";
import { startTestIssuer, type TestIssuer } from "@marquee/testkit/tokens";
import type { Session } from "next-auth";
import type { AppRouter } from "../server/routers/app";

type Role = Session["user"]["role"];

export type WebHarness = {
  issuer: TestIssuer;
  /** The web's router called in-process, as `server/rsc.tsx` calls it, for someone signed in as `role`. */
  callerAs(role: Role | null, opts?: { doorEvents?: string[] }): Promise<WebCaller>;
  stop(): Promise<void>;
};

export type WebCaller = ReturnType<AppRouter["createCaller"]>;

/**
 * The web's routers against the real catalog, started in-process on the test Postgres, Redis and
 * Kafka with tokens from a test issuer (as catalog's own tests start it). The web's modules are
 * loaded after catalog listens, so `CATALOG_URL` points at it; procedures that reach another
 * service are not called by these tests.
 */
export const startWebHarness = async (): Promise<WebHarness> => {
  const issuer = await startTestIssuer();
  const config = loadCatalogConfig(serviceTestEnv(issuer));
  const catalog = createCatalogService(config, {
    handleSignals: false,
    logger: createLogger({ name: "catalog", level: config.LOG_LEVEL }),
  });
  process.env.CATALOG_URL = await catalog.start();
  process.env.REDIS_URL = testEnv.redisUrl;
  const { appRouter } = await import("../server/routers/app");
  const { servicesFor } = await import("../server/services");

  return {
    issuer,
    async callerAs(role, opts = {}) {
      const caller = { token: null as string | null, ip: "203.0.113.7" };
      if (!role)
        return appRouter.createCaller({ user: null, caller, services: servicesFor(caller) });
      const { token, user } = await issuer.tokenFor({ role, doorEvents: opts.doorEvents });
      const signedIn = { token, ip: caller.ip };
      return appRouter.createCaller({
        user: {
          id: user.id,
          name: user.name,
          email: user.email,
          role,
          doorEvents: opts.doorEvents,
        },
        caller: signedIn,
        services: servicesFor(signedIn),
      });
    },
    async stop() {
      await catalog.stop();
      await issuer.close();
    },
  };
};
