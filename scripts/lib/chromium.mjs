import fs from "node:fs";
import { run } from "./run.mjs";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * The end-to-end tests drive the distribution's Chromium (browser downloads are not used). Installs
 * it with apt when it is missing and we may; otherwise says exactly what to run.
 */
export const ensureChromium = async () => {
  if (fs.existsSync(CHROMIUM)) return CHROMIUM;
  if (process.getuid?.() !== 0) {
    throw new Error(`Chromium is missing at ${CHROMIUM}: run "sudo apt-get install -y chromium"`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  await run("apt-get", ["update", "-qq"], { env });
  await run("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "chromium"], { env });
  if (!fs.existsSync(CHROMIUM))
    throw new Error(`apt installed chromium but ${CHROMIUM} is missing`);
  return `installed ${CHROMIUM}`;
};
