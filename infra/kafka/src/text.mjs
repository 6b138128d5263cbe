// Small formatting helpers for progress lines and error messages.
import path from "node:path";

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export const secondsSince = (start) => ((Date.now() - start) / 1000).toFixed(1);

/** `file` relative to the working directory when it is inside it, absolute otherwise. */
export const relativePath = (file) => {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : file;
};

/** The last `lines` lines of `text`, without terminal colour codes. */
export const lastLines = (text, lines) =>
  text
    // eslint-disable-next-line no-control-regex -- ANSI colour codes start with ESC
    .replace(/\x1b\[[0-9;]*m/g, "")
    .trimEnd()
    .split("\n")
    .slice(-lines)
    .join("\n");
