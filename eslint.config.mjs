// One flat config for the whole monorepo; every workspace runs `eslint .` against it, the root's
// own scripts/ are linted by `npm run lint:root`. Besides the usual rules it holds the architecture:
// a domain that imports no I/O, each service on its own Prisma client, the web on types only from
// the services, process.env read only in config. scripts/lint/architecture.test.mjs proves each
// of those rules fires.
import js from "@eslint/js";
import nextPlugin from "@next/eslint-plugin-next";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

const SERVICES = [
  "catalog",
  "fulfillment",
  "identity",
  "inventory",
  "notification",
  "ordering",
  "payment",
];

/** A service reaches another service's data only through that service's API or its events. */
const otherServicesClients = (service) => ({
  group: SERVICES.filter((other) => other !== service).map((other) => `@marquee/db/${other}`),
  message: `${service} imports only its own Prisma client (@marquee/db/${service}); ask the owning service through its tRPC API or follow its events instead.`,
});

/** What a domain module may not import: anything that does I/O. */
const DOMAIN_IO = [
  {
    group: ["**/adapters", "**/adapters/**"],
    message:
      "The domain imports no adapters: take what it needs as arguments and let src/app/ wire the adapter in.",
  },
  {
    group: [
      "@prisma/*",
      "prisma",
      "pg",
      "ioredis",
      "kafkajs",
      "fastify",
      "@fastify/*",
      "@trpc/*",
      "nodemailer",
      "@marquee/db",
      "@marquee/db/*",
      "node:fs",
      "node:fs/*",
      "fs",
      "fs/*",
      "node:net",
      "net",
      "node:http",
      "http",
      "node:https",
      "https",
      "node:http2",
      "http2",
      "node:dgram",
      "node:child_process",
    ],
    message:
      "The domain imports no I/O (database, Redis, Kafka, HTTP, files): keep it pure functions and types, and do the I/O in src/app/ or src/adapters/.",
  },
  {
    group: [
      "@marquee/service/*",
      "!@marquee/service/result",
      "!@marquee/service/door-staff-limits",
    ],
    message:
      "From @marquee/service the domain imports only what imports nothing (result, door-staff-limits); the rest (auth, trpc, redis, messaging, …) belongs in src/app/ or src/adapters/.",
  },
];

const serviceBoundaries = SERVICES.flatMap((service) => {
  const root = `apps/services/${service}`;
  return [
    {
      // Tests may read another service's schema to assert what a cross-service flow left there.
      files: [`${root}/src/**/*.ts`, `${root}/bench/**/*.ts`],
      rules: {
        "@typescript-eslint/no-restricted-imports": [
          "error",
          { patterns: [otherServicesClients(service)] },
        ],
      },
    },
    {
      files: [`${root}/src/domain/**/*.ts`],
      ignores: [`${root}/src/domain/**/*.test.ts`],
      rules: {
        "@typescript-eslint/no-restricted-imports": [
          "error",
          { patterns: [otherServicesClients(service), ...DOMAIN_IO] },
        ],
      },
    },
  ];
});

const webBoundaries = {
  // The web's own tests start the real services, so they import them at runtime.
  files: ["apps/web/**/*.{ts,tsx}"],
  ignores: ["apps/web/test/**", "apps/web/**/*.test.{ts,tsx}"],
  rules: {
    "@typescript-eslint/no-restricted-imports": [
      "error",
      {
        patterns: [
          {
            group: SERVICES.flatMap((service) => [`@marquee/${service}`, `@marquee/${service}/*`]),
            allowTypeImports: true,
            message:
              "The web imports a service's package for its types only (`import type { AppRouter } from ...`); at runtime it calls the service over tRPC (apps/web/server/).",
          },
          {
            group: ["next-auth/react"],
            message:
              "Sign in and out in the browser through apps/web/lib/auth-client.ts: next-auth/react adds 13 kB gzip of Babel runtime to every page that imports it.",
          },
        ],
      },
    ],
  },
};

const ENV_MESSAGE =
  "process.env is read only in config: a service's src/config.ts, the web's lib/server-env.ts, scripts, tests and benchmarks. Add the setting to the config and pass it in.";

const STATEMENT_MESSAGE =
  "Statements run unnamed: services sit behind PgBouncer in transaction pooling, where a statement prepared under a name on one server connection is unknown to, or collides with, the next client's (packages/db/README.md).";

// process.env only in config, and no named prepared statements (one rule, one list of selectors:
// a later no-restricted-syntax setting would replace these rather than add to them).
const envInConfigOnly = [
  {
    files: ["**/*.{ts,tsx,mts,mjs}"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: ENV_MESSAGE,
        },
        {
          selector: "MemberExpression[object.name='process'][property.value='env']",
          message: ENV_MESSAGE,
        },
        {
          selector:
            "VariableDeclarator[init.name='process'] > ObjectPattern > Property[key.name='env']",
          message: ENV_MESSAGE,
        },
        {
          selector:
            "CallExpression[callee.property.name='query'] > ObjectExpression > Property[key.name='name']",
          message: STATEMENT_MESSAGE,
        },
      ],
    },
  },
  {
    files: [
      // Config: where the environment is parsed once.
      "apps/services/*/src/config.ts",
      "packages/service/src/config.ts",
      "packages/db/src/database-url.ts",
      "apps/web/lib/server-env.ts",
      // The web's process entry point fills NEXTAUTH_SECRET from its file before Next and
      // lib/server-env.ts read the environment.
      "apps/web/server.ts",
      // Next inlines NODE_ENV at build time; the proxy runs before the server's config exists.
      "apps/web/proxy.ts",
      // Evaluates the web's lib/server-env.ts under a given environment to check the containers.
      "packages/containers/src/config-environment.ts",
      // Hands the environment on to the Prisma CLI it runs.
      "packages/db/src/generate.ts",
      // Test harness, tests, benchmarks, scripts and the local infrastructure.
      "packages/testkit/src/**",
      "**/test/**",
      "**/*.test.{ts,tsx,mts,mjs}",
      "**/bench/**",
      "e2e/**",
      "scripts/**",
      "infra/**",
      "**/vitest.config.*",
      "playwright.config.ts",
    ],
    rules: { "no-restricted-syntax": "off" },
  },
];

const webReact = {
  files: ["apps/web/**/*.{ts,tsx}"],
  plugins: {
    ...reactHooks.configs.flat.recommended.plugins,
    ...nextPlugin.configs["core-web-vitals"].plugins,
  },
  rules: {
    ...reactHooks.configs.flat.recommended.rules,
    ...nextPlugin.configs.recommended.rules,
    ...nextPlugin.configs["core-web-vitals"].rules,
    "react-hooks/exhaustive-deps": "error",
    // It checks <a> links into pages/; the web has the App Router only (no pages/ directory).
    "@next/next/no-html-link-for-pages": "off",
    // Every image the web shows is an SVG (local posters, tickets' QR codes as data URLs), which
    // next/image would only pass through unoptimised.
    "@next/next/no-img-element": "off",
  },
};

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "**/.next/**",
      "**/.turbo/**",
      "**/dist/**",
      "**/next-env.d.ts",
      "packages/db/generated/**",
      ".data/**",
      "infra/kafka/.jars/**",
      "eslint.config.mjs",
      "**/*.config.{js,mjs,cjs}",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/switch-exhaustiveness-check": "error",
      "@typescript-eslint/consistent-type-imports": [
        "error",
        { prefer: "type-imports", fixStyle: "inline-type-imports" },
      ],
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "@typescript-eslint/no-misused-promises": [
        "error",
        { checksVoidReturn: { arguments: false, attributes: false } },
      ],
    },
  },
  {
    // Plain JavaScript (scripts/, infra/, config presets: Node ESM) and the declarations written
    // beside it are linted without type information.
    files: ["**/*.js", "**/*.mjs", "**/*.d.mts"],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: globals.node,
    },
  },
  webReact,
  ...envInConfigOnly,
  ...serviceBoundaries,
  webBoundaries,
);
