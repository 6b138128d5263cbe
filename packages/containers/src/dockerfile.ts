import { readRepoFile } from "./repository";

export type Instruction = { keyword: string; args: string; line: number };

export type Copy = {
  /** The stage named by `--from`, or undefined for the build context. */
  from: string | undefined;
  chown: string | undefined;
  sources: string[];
  destination: string;
  line: number;
};

export type Stage = {
  name: string | undefined;
  image: string;
  instructions: Instruction[];
};

/** `ARG` instructions before the first `FROM` apply to `FROM` lines and are redeclared in stages. */
export type Dockerfile = { path: string; globalArgs: Instruction[]; stages: Stage[] };

/**
 * Reads a Dockerfile into its build stages. Handles what our Dockerfiles use: comments and parser
 * directives, `\` line continuations, `ARG` before the first `FROM`, `FROM image AS name`, and
 * the shell and JSON forms of instructions.
 */
export const parseDockerfile = (path: string): Dockerfile => {
  const lines = readRepoFile(path).split(/\r?\n/);
  const instructions: Instruction[] = [];
  let pending: { text: string; line: number } | undefined;
  lines.forEach((raw, index) => {
    const trimmed = raw.trim();
    if (trimmed.startsWith("#")) return;
    if (pending === undefined && trimmed === "") return;
    const text = pending === undefined ? trimmed : `${pending.text} ${trimmed}`;
    const line = pending?.line ?? index + 1;
    if (text.endsWith("\\")) {
      pending = { text: text.slice(0, -1).trimEnd(), line };
      return;
    }
    pending = undefined;
    const match = /^(\S+)\s*(.*)$/.exec(text);
    if (match) instructions.push({ keyword: match[1]!.toUpperCase(), args: match[2]!, line });
  });

  const globalArgs: Instruction[] = [];
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === "ARG" && stages.length === 0) {
      globalArgs.push(instruction);
    } else if (instruction.keyword === "FROM") {
      const [image = "", as, name] = instruction.args.split(/\s+/);
      stages.push({
        image,
        name: as?.toUpperCase() === "AS" ? name : undefined,
        instructions: [],
      });
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return { path, globalArgs, stages };
};

const argDeclaration = (args: string): { name: string; value: string | undefined } => {
  const [name = "", ...value] = args.trim().split("=");
  return { name, value: value.length > 0 ? value.join("=") : undefined };
};

const VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

const substitute = (text: string, scope: Map<string, string>, keepUnknown: boolean): string =>
  text.replace(VARIABLE, (match, braced?: string, bare?: string) => {
    const value = scope.get(braced ?? bare ?? "");
    return value ?? (keepUnknown ? match : "");
  });

/**
 * The Dockerfile as `docker build --build-arg NAME=value` reads it: a variable is expanded only
 * where an `ARG` declares it (global ones in `FROM` lines, in a stage only after the stage
 * redeclares it), as the builder does, so a stage that forgets `ARG SERVICE` gets an empty value.
 * `RUN` leaves other variables to its shell; JSON-form `CMD` and `ENTRYPOINT` are not expanded.
 */
export const withBuildArgs = (
  dockerfile: Dockerfile,
  buildArgs: Readonly<Record<string, string>>,
): Dockerfile => {
  const global = new Map<string, string>();
  for (const { args } of dockerfile.globalArgs) {
    const { name, value } = argDeclaration(args);
    const resolved = buildArgs[name] ?? value;
    if (resolved !== undefined) global.set(name, resolved);
  }
  const stages = dockerfile.stages.map((stage): Stage => {
    const scope = new Map<string, string>();
    const instructions = stage.instructions.map((instruction): Instruction => {
      const { keyword, args } = instruction;
      if (keyword === "ARG") {
        const { name, value } = argDeclaration(substitute(args, scope, false));
        scope.set(name, buildArgs[name] ?? value ?? global.get(name) ?? "");
        return instruction;
      }
      if ((keyword === "CMD" || keyword === "ENTRYPOINT") && args.startsWith("["))
        return instruction;
      return { ...instruction, args: substitute(args, scope, keyword === "RUN") };
    });
    return { ...stage, image: substitute(stage.image, global, false), instructions };
  });
  return { ...dockerfile, stages };
};

const splitArgs = (args: string): string[] =>
  args.startsWith("[") ? (JSON.parse(args) as string[]) : args.split(/\s+/).filter(Boolean);

export const copiesOf = (stage: Stage): Copy[] =>
  stage.instructions
    .filter((i) => i.keyword === "COPY" || i.keyword === "ADD")
    .map((instruction) => {
      const words = instruction.args.split(/\s+/);
      const flags = new Map<string, string>();
      while (words[0]?.startsWith("--")) {
        const [flag = "", value = ""] = words.shift()!.slice(2).split("=");
        flags.set(flag, value);
      }
      const paths = splitArgs(words.join(" "));
      return {
        from: flags.get("from"),
        chown: flags.get("chown"),
        sources: paths.slice(0, -1),
        destination: paths.at(-1) ?? "",
        line: instruction.line,
      };
    });

export const runCommands = (stage: Stage): string[] =>
  stage.instructions.filter((i) => i.keyword === "RUN").map((i) => i.args);

/** The last value of an instruction in a stage (`USER`, `WORKDIR`, `CMD`, `EXPOSE`). */
export const lastOf = (stage: Stage, keyword: string): string | undefined =>
  stage.instructions.filter((i) => i.keyword === keyword).at(-1)?.args;

export const commandWords = (args: string): string[] => splitArgs(args);

/**
 * The stages a build of `target` (the last stage when undefined) needs: the target and, through
 * `FROM <stage>` and `COPY --from=<stage>`, every stage it reads, in the file's order. What a
 * builder that skips unused stages (BuildKit) runs, and what ends up in that image.
 */
export const forTarget = (dockerfile: Dockerfile, target?: string): Dockerfile => {
  const byName = new Map(dockerfile.stages.map((stage) => [stage.name, stage]));
  const last = target === undefined ? dockerfile.stages.at(-1) : byName.get(target);
  if (!last) throw new Error(`${dockerfile.path} has no stage ${target ?? "at all"}`);
  const needed = new Set<Stage>();
  const visit = (stage: Stage) => {
    if (needed.has(stage)) return;
    needed.add(stage);
    const base = byName.get(stage.image);
    if (base) visit(base);
    for (const copy of copiesOf(stage)) {
      const from = copy.from === undefined ? undefined : byName.get(copy.from);
      if (from) visit(from);
    }
  };
  visit(last);
  return { ...dockerfile, stages: dockerfile.stages.filter((stage) => needed.has(stage)) };
};
