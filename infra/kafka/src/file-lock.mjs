// A lock file holding the owner's pid, so concurrent callers (a jar fetch, a broker start) wait for
// one another instead of racing; a lock left by a crashed process is taken over.
import fs from "node:fs";
import { isAlive } from "./processes.mjs";
import { sleep } from "./text.mjs";

/** Waits for `file` until `deadline` (epoch ms); resolves with the function that releases it. */
export const acquireLock = async (file, deadline) => {
  for (;;) {
    try {
      const fd = fs.openSync(file, "wx");
      fs.writeSync(fd, `${process.pid}\n`);
      fs.closeSync(fd);
      return () => {
        try {
          if (Number.parseInt(fs.readFileSync(file, "utf8"), 10) === process.pid)
            fs.unlinkSync(file);
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if (error.code !== "EEXIST") throw error;
    }
    let holder = NaN;
    try {
      holder = Number.parseInt(fs.readFileSync(file, "utf8"), 10);
    } catch {
      continue; // released in between
    }
    if (!Number.isInteger(holder) || !isAlive(holder)) {
      fs.rmSync(file, { force: true }); // stale lock from a crashed caller
      continue;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${file} (held by pid ${holder})`);
    await sleep(200);
  }
};
