// The images docker-compose.yml names but a Docker engine without a registry cannot pull, and what
// stands in for each (infra/docker/stand-ins/README.md): images built here from Debian bookworm
// (debootstrap), its packages, this machine's Node.js and the jars the local stack already uses.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureKafkaJars, kafkaVersion } from "../../../infra/kafka/kafka.mjs";
import { ensureZipkinJar } from "../../../infra/zipkin/zipkin.mjs";
import { DATA_DIR, ROOT } from "../paths.mjs";
import { capture, succeeds } from "./docker.mjs";

const STAND_INS = path.join(ROOT, "infra", "docker", "stand-ins");
const CACHE = path.join(DATA_DIR, "containers");
const DEBIAN = "marquee-standin/debian:bookworm";
const MIRROR = process.env.DEBIAN_MIRROR ?? "http://deb.debian.org/debian";
const BUILD_ENV = { ...process.env, DOCKER_BUILDKIT: "0" };

/** Each official image of docker-compose.yml and the Dockerfiles, and its stand-in. */
export const STAND_IN_FOR = {
  "postgres:16": "marquee-standin/postgres",
  "edoburu/pgbouncer:v1.24.1-p1": "marquee-standin/pgbouncer",
  "redis:7": "marquee-standin/redis",
  "apache/kafka:3.9.2": "marquee-standin/kafka",
  "maildev/maildev:2.2.1": "marquee-standin/maildev",
  "openzipkin/zipkin:3.5.1": "marquee-standin/zipkin",
  "node:26-bookworm-slim": "marquee-standin/node",
};

/** The overlay compose file that points docker-compose.yml at the stand-ins. */
export const STAND_IN_COMPOSE = path.join(STAND_INS, "compose.yml");

/** Every `image:` of docker-compose.yml and the Dockerfiles' NODE_IMAGE default. */
export const officialImages = () => {
  const compose = fs.readFileSync(path.join(ROOT, "docker-compose.yml"), "utf8");
  const images = [...compose.matchAll(/^\s+image:\s*(\S+)\s*$/gm)].map((match) => match[1]);
  for (const dockerfile of ["infra/docker/service.Dockerfile", "apps/web/Dockerfile"]) {
    const text = fs.readFileSync(path.join(ROOT, dockerfile), "utf8");
    const nodeImage = /^ARG NODE_IMAGE=(\S+)$/m.exec(text)?.[1];
    if (nodeImage) images.push(nodeImage);
  }
  return [...new Set(images)];
};

const present = (image) => succeeds("docker", ["image", "inspect", image]);

/** Pulls what it can; resolves with the images it could not have and why. */
export const missingImages = async (log) => {
  const missing = [];
  for (const image of officialImages()) {
    if (await present(image)) continue;
    try {
      await capture("docker", ["pull", "-q", image]);
      log(`pulled ${image}`);
    } catch (error) {
      const why = error.message.split("\n").find((line) => /error|denied|no such host/i.test(line));
      missing.push({ image, why: why?.trim() ?? "pull failed" });
    }
  }
  return missing;
};

const build = (args, log) => {
  log(`docker build ${args.filter((arg) => !arg.startsWith("/")).join(" ")}`);
  return capture("docker", ["build", "-q", ...args], { env: BUILD_ENV });
};

/** Debian bookworm's minimal system (debootstrap, kept as a tarball), imported as an image. */
const debianImage = async (log) => {
  if (await present(DEBIAN)) return;
  const tarball = path.join(CACHE, "debian-bookworm-minbase.tar");
  if (!fs.existsSync(tarball)) {
    if (!(await succeeds("sh", ["-c", "command -v debootstrap"]))) {
      log("installing debootstrap with apt-get");
      await capture("apt-get", ["install", "-y", "-qq", "debootstrap"], {
        env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
      });
    }
    const rootfs = fs.mkdtempSync(path.join(os.tmpdir(), "marquee-rootfs-"));
    try {
      log(`debootstrap --variant=minbase bookworm from ${MIRROR}`);
      await capture("debootstrap", ["--variant=minbase", "bookworm", rootfs, MIRROR]);
      fs.mkdirSync(CACHE, { recursive: true });
      await capture("tar", ["-C", rootfs, "-cf", `${tarball}.tmp`, "."]);
      fs.renameSync(`${tarball}.tmp`, tarball);
    } finally {
      fs.rmSync(rootfs, { recursive: true, force: true });
    }
  }
  await capture("docker", ["import", tarball, DEBIAN]);
};

/** A hard link where the file system allows one (the jars are 100 MB), else a copy. */
const link = (from, to) => {
  try {
    fs.linkSync(from, to);
  } catch {
    fs.copyFileSync(from, to);
  }
};

/** A build context folder holding `files` (name → source path), linked or copied. */
const context = (name, files) => {
  const dir = path.join(CACHE, "contexts", name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const [to, from] of Object.entries(files)) {
    const target = path.join(dir, to);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    if (fs.statSync(from).isDirectory()) fs.cpSync(from, target, { recursive: true });
    else link(from, target);
  }
  return dir;
};

/** kafka-tools (kafka-topics.sh's TopicCommand), which the local broker's classpath lacks. */
const kafkaToolsJar = async (log) => {
  const version = kafkaVersion();
  const dir = path.join(CACHE, "kafka-tools");
  const jar = path.join(dir, `kafka-tools-${version}.jar`);
  if (fs.existsSync(jar)) return jar;
  log(`fetching kafka-tools ${version} from Maven Central`);
  await capture("mvn", [
    "-q",
    "-B",
    "dependency:copy",
    `-Dartifact=org.apache.kafka:kafka-tools:${version}`,
    `-DoutputDirectory=${dir}`,
  ]);
  return jar;
};

const npmDir = () => path.join(path.dirname(process.execPath), "..", "lib", "node_modules", "npm");

/** Builds every stand-in image (cached layers make a rebuild quick). */
export const buildStandIns = async (log) => {
  await debianImage(log);
  const nodeContext = context("node", {
    node: process.execPath,
    npm: npmDir(),
    "ca-certificates.crt": "/etc/ssl/certs/ca-certificates.crt",
  });
  await build(
    ["-t", "marquee-standin/node", "-f", path.join(STAND_INS, "node.Dockerfile"), nodeContext],
    log,
  );

  const jars = await ensureKafkaJars();
  const files = {
    "kafka-libs/kafka-tools.jar": await kafkaToolsJar(log),
    "zipkin.jar": (await ensureZipkinJar()).jar,
  };
  for (const jar of fs.readdirSync(jars.dir).filter((name) => name.endsWith(".jar")))
    files[`kafka-libs/${jar}`] = path.join(jars.dir, jar);
  for (const name of fs
    .readdirSync(STAND_INS)
    .filter((n) => !n.endsWith("Dockerfile") && n !== "compose.yml" && n !== "README.md"))
    files[name] = path.join(STAND_INS, name);
  const infraContext = context("infrastructure", files);
  const dockerfile = path.join(STAND_INS, "stand-ins.Dockerfile");
  for (const target of ["postgres", "pgbouncer", "redis", "kafka", "zipkin"])
    await build(
      ["--target", target, "-t", `marquee-standin/${target}`, "-f", dockerfile, infraContext],
      log,
    );
  await build(
    [
      "-t",
      "marquee-standin/maildev",
      "-f",
      path.join(STAND_INS, "maildev.Dockerfile"),
      context("maildev", {}),
    ],
    log,
  );
};
