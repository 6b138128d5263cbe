// The command line of `node infra/kafka/kafka.mjs`.
import path from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_CONTROLLER_PORT, DEFAULT_DATA_DIR, DEFAULT_PORT } from "./settings.mjs";
import { relativePath } from "./text.mjs";

export const COMMANDS = ["fetch", "start", "stop", "status"];

export const usage =
  () => `usage: node infra/kafka/kafka.mjs <${COMMANDS.join("|")}> [--port N] [--controller-port N] [--data-dir DIR]

  fetch    download the Kafka jars into infra/kafka/.jars (done by start when needed)
  start    start the broker in the background and wait until it is ready
  stop     stop the broker of --data-dir
  status   print whether the broker answers (exit code 1 when it does not)

defaults: --port ${DEFAULT_PORT} --controller-port ${DEFAULT_CONTROLLER_PORT} --data-dir ${relativePath(DEFAULT_DATA_DIR)}
(stop/status default to the ports recorded in the data dir)`;

const portOption = (name, value) => {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 1 || port > 65535)
    throw new Error(`--${name} expects a port number (1-65535), got "${value}"`);
  return port;
};

/**
 * `argv` (without node and the script) as `{ command, help, options }`; `options` holds only what
 * was given (port, controllerPort, dataDir resolved against `cwd`). Throws an Error naming the
 * offending argument on anything else.
 */
export const parseCliArguments = (argv, { cwd = process.cwd() } = {}) => {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        port: { type: "string" },
        "controller-port": { type: "string" },
        "data-dir": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    // node:util's messages also suggest `--` for values starting with a dash; ours never do.
    throw new Error(String(error.message).split(". To specify")[0]);
  }
  const { values, positionals } = parsed;
  const [command, ...extra] = positionals;
  if (extra.length > 0) throw new Error(`unexpected argument ${extra[0]}`);
  if (command !== undefined && !COMMANDS.includes(command))
    throw new Error(`unknown command "${command}" (use ${COMMANDS.join(", ")})`);
  const options = {};
  const port = portOption("port", values.port);
  if (port !== undefined) options.port = port;
  const controllerPort = portOption("controller-port", values["controller-port"]);
  if (controllerPort !== undefined) options.controllerPort = controllerPort;
  if (values["data-dir"] !== undefined) {
    if (values["data-dir"] === "") throw new Error("--data-dir needs a directory");
    options.dataDir = path.resolve(cwd, values["data-dir"]);
  }
  return { command, help: values.help === true, options };
};
