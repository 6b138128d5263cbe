// Children log pino JSON; on a terminal one compact line per entry reads better.
const LEVELS = { 10: "TRACE", 20: "DEBUG", 30: "INFO", 40: "WARN", 50: "ERROR", 60: "FATAL" };

const format = (name, line) => {
  if (!line.startsWith("{")) return `${name.padEnd(12)} ${line}`;
  try {
    // A line names its logger: the service, where one process hosts several (services-host.mjs).
    const {
      level,
      time,
      msg,
      pid: _pid,
      hostname: _host,
      name: logger,
      ...rest
    } = JSON.parse(line);
    const at = new Date(time ?? Date.now()).toISOString().slice(11, 23);
    const extra = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest)}` : "";
    const who = typeof logger === "string" ? logger : name;
    return `${at} ${who.padEnd(12)} ${(LEVELS[level] ?? level).padEnd(5)} ${msg ?? ""}${extra}`;
  } catch {
    return `${name.padEnd(12)} ${line}`;
  }
};

/** Pipes a child's output to ours, one formatted line at a time, keeping the last lines. */
export const pipeLines = (name, stream, sink, keep) => {
  let buffer = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk) => {
    buffer += chunk;
    const lines = buffer.split("\n");
    buffer = lines.pop() ?? "";
    for (const line of lines) {
      if (line.trim() === "") continue;
      keep.push(line);
      if (keep.length > 40) keep.shift();
      sink(format(name, line));
    }
  });
};
