import { spawnSync } from "node:child_process";
import { dirname, join, normalize } from "node:path";
import { describe, expect, it } from "vitest";
import { loadComposeFile } from "../src/compose-file";
import { isIgnored } from "../src/dockerignore";
import {
  commandWords,
  copiesOf,
  forTarget,
  lastOf,
  parseDockerfile,
  runCommands,
  type Dockerfile,
  type Stage,
  withBuildArgs,
} from "../src/dockerfile";
import {
  listServices,
  readRepoFile,
  recipeOf,
  repoPathExists,
  ROOT,
  SERVICE_DOCKERFILE,
  webApp,
} from "../src/repository";
import { importedWorkspaces, pruneClosure } from "../src/workspaces";

const compose = loadComposeFile();
const deployables = [...listServices(), webApp()];
/** Every image docker-compose.yml builds: its Dockerfile read with that image's build arguments. */
const builtImages = Object.entries(compose.services).flatMap(([name, service]) =>
  service.build
    ? [
        {
          name,
          path: service.build.dockerfile,
          // The stages a build of the image runs: its target and what that reads.
          dockerfile: repoPathExists(service.build.dockerfile)
            ? forTarget(
                withBuildArgs(parseDockerfile(service.build.dockerfile), service.build.args ?? {}),
                service.build.target,
              )
            : undefined,
        },
      ]
    : [],
);

/** Root devDependencies a final image may carry: tsx runs the set-up job's scripts/prepare.ts. */
const RUNTIME_TOOLS = ["tsx", "esbuild", "@esbuild"];

const finalStage = (dockerfile: Dockerfile): Stage => {
  const stage = dockerfile.stages.at(-1);
  if (!stage) throw new Error(`${dockerfile.path} has no FROM`);
  return stage;
};

/** A script and the modules it imports by relative path, transitively. */
const localModules = (file: string, seen = new Set<string>()): string[] => {
  if (seen.has(file)) return [];
  seen.add(file);
  for (const [, relative] of readRepoFile(file).matchAll(/from "(\.{1,2}\/[^"]+)"/g))
    localModules(normalize(join(dirname(file), relative ?? "")), seen);
  return [...seen];
};

/**
 * The stage that runs the package's `npm run build` (alone, or first of a `&&` list), for it alone
 * or among other workspaces (`npm run build -w a -w b`).
 */
const bundlingStage = (dockerfile: Dockerfile, packageName: string): Stage | undefined =>
  dockerfile.stages.find((stage) =>
    runCommands(stage).some((run) => {
      const words = (run.split("&&")[0] ?? "").trim().split(/\s+/);
      if (words.slice(0, 3).join(" ") !== "npm run build") return false;
      const rest = words.slice(3);
      const pairs = rest.every((word, i) => (i % 2 === 0 ? word === "-w" : !word.startsWith("-")));
      return rest.length > 0 && pairs && rest.includes(packageName);
    }),
  );

const installs = (stage: Stage) =>
  runCommands(stage).filter((run) => /\bnpm (ci|install)\b/.test(run) && !/--global/.test(run));
const installsDevDependencies = (stage: Stage) =>
  installs(stage).some((run) => !/--omit=dev\b/.test(run));

describe("Dockerfiles", () => {
  it("exist for every service and the web app, and for every image docker-compose.yml builds", () => {
    const paths = builtImages.map((image) => image.path);
    for (const deployable of deployables) expect(paths).toContain(recipeOf(deployable).dockerfile);
    const missing = builtImages.filter((image) => !image.dockerfile).map((image) => image.path);
    expect(missing).toEqual([]);
  });

  it("are one recipe for every service: no service keeps a Dockerfile of its own", () => {
    const own = listServices()
      .map(({ dir }) => `${dir}/Dockerfile`)
      .filter(repoPathExists);
    expect(own).toEqual([]);
  });

  describe.each(builtImages)("$name's image ($path)", ({ dockerfile }) => {
    if (!dockerfile) return;
    const stages = dockerfile.stages;
    const last = finalStage(dockerfile);

    it("is built in stages from a turbo prune of the monorepo, with the repository's turbo", () => {
      expect(stages.length).toBeGreaterThanOrEqual(3);
      const turbo = (
        JSON.parse(readRepoFile("package.json")) as { devDependencies: Record<string, string> }
      ).devDependencies.turbo;
      const runs = stages.flatMap(runCommands);
      expect(runs.some((run) => run.includes(`turbo@${turbo}`))).toBe(true);
      expect(runs.some((run) => /\bturbo prune @marquee\/\S+.* --docker\b/.test(run))).toBe(true);
    });

    it("copies from the build context only paths that exist and .dockerignore lets through", () => {
      const problems = stages.flatMap((stage) =>
        copiesOf(stage)
          .filter((copy) => copy.from === undefined)
          .flatMap((copy) => copy.sources)
          .flatMap((source) => {
            if (!repoPathExists(source)) return [`${source} does not exist`];
            if (source !== "." && isIgnored(source)) return [`${source} is in .dockerignore`];
            return [];
          }),
      );
      expect(problems).toEqual([]);
    });

    it("copies from stages defined before the copy", () => {
      const problems = stages.flatMap((stage, index) => {
        const earlier = new Set(stages.slice(0, index).map((s) => s.name));
        return copiesOf(stage)
          .filter((copy) => copy.from !== undefined && !earlier.has(copy.from))
          .map((copy) => `line ${copy.line}: --from=${copy.from} is not an earlier stage`);
      });
      expect(problems).toEqual([]);
    });

    it("runs as a user other than root", () => {
      const user = lastOf(last, "USER");
      expect(user).toBeDefined();
      expect(["root", "0"]).not.toContain(user?.split(":")[0]);
    });

    it("ships production dependencies only", () => {
      expect(installsDevDependencies(last)).toBe(false);
      const byName = new Map(stages.map((stage) => [stage.name, stage]));
      // A stage that installed every dependency may hand on single runtime tools, never a tree.
      const problems = stages.flatMap((stage) =>
        copiesOf(stage).flatMap((copy) => {
          const from = copy.from === undefined ? undefined : byName.get(copy.from);
          if (!from || !installsDevDependencies(from)) return [];
          return copy.sources
            .filter((source) => {
              const inModules = /\/node_modules(?:\/(.*?))?\/?$/.exec(source);
              if (inModules) return !RUNTIME_TOOLS.includes(inModules[1] ?? "");
              return /^\/app\/?$/.test(source);
            })
            .map(
              (source) =>
                `line ${copy.line}: ${source} from ${copy.from}, which has dev dependencies`,
            );
        }),
      );
      expect(problems).toEqual([]);
      const productionStages = stages.filter(
        (stage) => installs(stage).length > 0 && !installsDevDependencies(stage),
      );
      expect(productionStages.length).toBe(1);
      expect(copiesOf(last).some((copy) => copy.from === productionStages[0]?.name)).toBe(true);
    });
  });

  describe.each(deployables)("$name's image", (deployable) => {
    const { dir, name, packageName, port, startScript, buildScript } = deployable;
    const recipe = recipeOf(deployable);
    const dockerfile = forTarget(withBuildArgs(parseDockerfile(recipe.dockerfile), recipe.args));
    const last = finalStage(dockerfile);

    it(`prunes the monorepo to ${packageName} and every workspace its sources import`, () => {
      const prunes = dockerfile.stages
        .flatMap(runCommands)
        .flatMap(
          (run) =>
            /\bturbo prune ((?:@marquee\/\S+\s+)+)--docker\b/.exec(run)?.[1]?.trim().split(/\s+/) ??
            [],
        );
      expect(prunes).toContain(packageName);
      // turbo prune follows package.json; an import missing there would fail the image build.
      const kept = pruneClosure(prunes);
      const missing = [...importedWorkspaces(dir)].filter((name) => !kept.has(name));
      expect(missing).toEqual([]);
    });

    it("copies the tsconfig its own tsconfig.json extends where its TypeScript is compiled", () => {
      const { extends: base } = JSON.parse(readRepoFile(`${dir}/tsconfig.json`)) as {
        extends?: string;
      };
      expect(base).toBeDefined();
      const fromRoot = normalize(join(dir, base ?? ""));
      // Where it is bundled (the web: where `next build` and the server's bundle run); nothing
      // compiles TypeScript where it runs (the web's next.config is JavaScript).
      const bundling = bundlingStage(dockerfile, packageName);
      const copied = (bundling ? copiesOf(bundling) : []).flatMap((copy) =>
        copy.from === undefined ? copy.sources : [],
      );
      expect(copied).toContain(fromRoot);
      expect(dirname(fromRoot)).toBe(".");
    });

    it(`starts in ${dir} the way package.json does, exposing port ${port}`, () => {
      const workdir = lastOf(last, "WORKDIR");
      expect(workdir).toBe(`/app/${dir}`);
      expect(lastOf(last, "EXPOSE")).toBe(String(port));
      const command = commandWords(lastOf(last, "CMD") ?? "[]");
      if (name === "web") {
        // server.ts compiled, as package.json starts it (NODE_ENV comes from the image).
        expect(startScript).toBe(`NODE_ENV=production ${command.join(" ")}`);
        expect(command).toEqual(["node", "dist/server.js"]);
      } else {
        expect(command.join(" ")).toBe(startScript);
        expect(command).toEqual(["node", "--enable-source-maps", "dist/main.js"]);
      }
    });

    it("runs compiled JavaScript: no tsx or esbuild in the image, no TypeScript on its command", () => {
      const tools = dockerfile.stages
        .flatMap(copiesOf)
        .flatMap((copy) => copy.sources)
        .filter((source) => /\/node_modules\/(tsx|esbuild|@esbuild)\/?$/.test(source));
      expect(tools).toEqual([]);
      const command = commandWords(lastOf(last, "CMD") ?? "[]");
      expect(command.filter((word) => word === "tsx" || /\.tsx?$/.test(word))).toEqual([]);
      // Next would compile a next.config.ts at start, with the tsconfig the image leaves behind.
      if (name === "web") expect(repoPathExists(`${dir}/next.config.ts`)).toBe(false);
    });

    it("is bundled by the shared builder in its npm run build, and runs the bundle it copied", () => {
      // What `npm run build` writes (scripts/build-service.mjs; git-ignored): a service's
      // src/main.ts as dist/main.js, the web's server.ts as dist/server.js after `next build`.
      const [entry, build] =
        name === "web"
          ? ["server.ts", "next build && node ../../scripts/build-service.mjs"]
          : ["src/main.ts", "node ../../../scripts/build-service.mjs"];
      expect(buildScript).toBe(build);
      expect(repoPathExists(`${dir}/${entry}`)).toBe(true);
      const bundling = bundlingStage(dockerfile, packageName);
      expect(bundling?.name).toBeDefined();
      const builder = (bundling ? copiesOf(bundling) : []).flatMap((copy) =>
        copy.from === undefined ? copy.sources : [],
      );
      // The builder and every module it imports, as the build context has them.
      expect(builder).toEqual(expect.arrayContaining(localModules("scripts/build-service.mjs")));
      const distCopies = copiesOf(last).filter(
        (copy) => copy.from === bundling?.name && copy.sources.includes(`/app/${dir}/dist`),
      );
      expect(distCopies.map((copy) => copy.destination)).toEqual([`./${dir}/dist`]);
    });
  });
});

describe(SERVICE_DOCKERFILE, () => {
  const check = (...args: string[]) => {
    const run = spawnSync(process.execPath, ["infra/docker/check-service-args.mjs", ...args], {
      cwd: ROOT,
      encoding: "utf8",
    });
    return { status: run.status, stderr: run.stderr.trim() };
  };

  it("checks SERVICE and PORT against the list of services in a stage that needs nothing else", () => {
    const { stages } = forTarget(parseDockerfile(SERVICE_DOCKERFILE));
    const checking = stages.find((stage) =>
      runCommands(stage).some((run) =>
        run.startsWith('node infra/docker/check-service-args.mjs "${SERVICE}" "${PORT}" '),
      ),
    );
    expect(checking?.name).toBeDefined();
    // It reads the script and the list only, so BuildKit runs it at once; and the image copies
    // from it, so even a builder that skips unused stages runs the check.
    expect(copiesOf(checking!).every((copy) => copy.from === undefined)).toBe(true);
    expect(copiesOf(checking!).flatMap((copy) => copy.sources)).toEqual([
      "infra/docker/check-service-args.mjs",
      "packages/service/src/ports.json",
    ]);
    expect(copiesOf(stages.at(-1)!).some((copy) => copy.from === checking?.name)).toBe(true);
    for (const { name, port } of listServices())
      expect(check(name, String(port))).toEqual({ status: 0, stderr: "" });
  });

  it("stops the build naming the argument when SERVICE is missing or unknown, or PORT is not its port", () => {
    const missing = check("", "");
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/^build argument SERVICE is required \(one of identity, /);
    const unknown = check("paymnet", "5004");
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('SERVICE is "paymnet", which is not a service');
    expect(check("payment", "5005")).toEqual({
      status: 1,
      stderr: 'build argument PORT is "5005"; payment listens on 5004',
    });
  });
});

describe(`the set-up job's image (${SERVICE_DOCKERFILE}, target setup)`, () => {
  const dockerfile = forTarget(parseDockerfile(SERVICE_DOCKERFILE), "setup");
  const last = finalStage(dockerfile);

  it("is what docker-compose.yml builds for the setup job", () => {
    expect(compose.services.setup?.build).toMatchObject({
      dockerfile: SERVICE_DOCKERFILE,
      target: "setup",
    });
  });

  it("prunes the monorepo to every workspace scripts/prepare.ts imports, and runs it", () => {
    const prunes = dockerfile.stages
      .flatMap(runCommands)
      .flatMap(
        (run) =>
          /\bturbo prune ((?:@marquee\/\S+\s+)+)--docker\b/.exec(run)?.[1]?.trim().split(/\s+/) ??
          [],
      );
    const kept = pruneClosure(prunes);
    const missing = [...importedWorkspaces("scripts")].filter((name) => !kept.has(name));
    expect(missing).toEqual([]);
    const copied = copiesOf(last).flatMap((copy) => (copy.from === undefined ? copy.sources : []));
    expect(copied).toEqual(
      expect.arrayContaining(["scripts/prepare.ts", "tsconfig.json", "tsconfig.base.json"]),
    );
    expect(commandWords(lastOf(last, "CMD") ?? "[]")).toEqual([
      "node",
      "--import",
      "tsx",
      "scripts/prepare.ts",
    ]);
  });
});

describe(".dockerignore", () => {
  it("keeps dependencies, builds, generated clients, local data and git out of the context", () => {
    for (const path of [
      ".git",
      "node_modules",
      "apps/web/node_modules/x",
      "apps/web/.next",
      "packages/db/generated/payment",
      ".data/kafka",
      "infra/kafka/.jars",
    ])
      expect([path, isIgnored(path)]).toEqual([path, true]);
    for (const path of [
      "package-lock.json",
      "tsconfig.base.json",
      "scripts/prepare.ts",
      "apps/services/payment/src/main.ts",
      "packages/db/prisma/payment/schema.prisma",
      "apps/web/public/events/hamlet.svg",
    ])
      expect([path, isIgnored(path)]).toEqual([path, false]);
  });
});
