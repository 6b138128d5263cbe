// Compose v2 for the container test: the `docker compose` plugin when the machine has one recent
// enough for docker-compose.yml (2.20+), otherwise the plugin from Debian trixie's docker-compose
// package (2.26), fetched with apt into .data/containers and used through DOCKER_CONFIG, so
// nothing of the machine's own Docker set-up changes. (Debian bookworm's docker-compose is 1.29,
// which rejects the file.)
import fs from "node:fs";
import path from "node:path";
import { DATA_DIR } from "../paths.mjs";
import { capture } from "./docker.mjs";

const DIR = path.join(DATA_DIR, "containers", "compose");
const CONFIG = path.join(DIR, "docker-config");
const PLUGIN = path.join(CONFIG, "cli-plugins", "docker-compose");
const TRIXIE = `Types: deb
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
`;

/** `2.26.1` from "Docker Compose version 2.26.1-4" (or v2.29.0), undefined when absent. */
export const composeVersion = (text) => /v?(\d+)\.(\d+)\.(\d+)/.exec(text)?.slice(1).map(Number);

const recentEnough = (version) =>
  version !== undefined && (version[0] > 2 || (version[0] === 2 && version[1] >= 20));

const versionWith = async (env) => {
  try {
    return composeVersion(await capture("docker", ["compose", "version"], { env }));
  } catch {
    return undefined;
  }
};

/** Downloads trixie's docker-compose package with a private apt state and unpacks its plugin. */
const fetchPlugin = async (log) => {
  const apt = path.join(DIR, "apt");
  for (const dir of ["sources", "lists/partial", "cache/archives/partial", "deb"])
    fs.mkdirSync(path.join(apt, dir), { recursive: true });
  fs.writeFileSync(path.join(apt, "sources", "trixie.sources"), TRIXIE);
  fs.writeFileSync(path.join(apt, "empty.list"), "");
  const options = [
    "-o",
    `Dir::Etc::SourceList=${path.join(apt, "empty.list")}`,
    "-o",
    `Dir::Etc::SourceParts=${path.join(apt, "sources")}`,
    "-o",
    `Dir::State::Lists=${path.join(apt, "lists")}`,
    "-o",
    `Dir::Cache=${path.join(apt, "cache")}`,
  ];
  log("fetching Compose v2 (Debian trixie's docker-compose package)");
  await capture("apt-get", [...options, "update", "-qq"]);
  await capture("apt-get", [...options, "download", "docker-compose"], {
    cwd: path.join(apt, "deb"),
  });
  const deb = fs.readdirSync(path.join(apt, "deb")).find((name) => name.endsWith(".deb"));
  if (!deb) throw new Error("apt-get download docker-compose left no .deb");
  const unpacked = path.join(apt, "unpacked");
  fs.rmSync(unpacked, { recursive: true, force: true });
  await capture("dpkg-deb", ["-x", path.join(apt, "deb", deb), unpacked]);
  fs.mkdirSync(path.dirname(PLUGIN), { recursive: true });
  fs.copyFileSync(path.join(unpacked, "usr/libexec/docker/cli-plugins/docker-compose"), PLUGIN);
  fs.chmodSync(PLUGIN, 0o755);
};

/**
 * The environment under which `docker compose` is Compose 2.20 or newer, and its version; throws
 * when none can be had.
 */
export const ensureCompose = async ({ log = () => {} } = {}) => {
  const own = await versionWith(process.env);
  if (recentEnough(own)) return { env: process.env, version: own.join(".") };
  const env = { ...process.env, DOCKER_CONFIG: CONFIG };
  if (!fs.existsSync(PLUGIN)) await fetchPlugin(log);
  const fetched = await versionWith(env);
  if (!recentEnough(fetched))
    throw new Error(`Compose ${fetched?.join(".") ?? "(none)"} is older than 2.20`);
  return { env, version: `${fetched.join(".")} (Debian trixie's plugin)` };
};
