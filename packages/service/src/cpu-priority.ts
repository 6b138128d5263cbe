import { readdirSync } from "node:fs";
import os from "node:os";

/**
 * Lowers this process's CPU priority to `nice` (0 = as started, 19 = lowest). Linux keeps a nice
 * value per thread, and a thread takes its creator's when it is created, so every thread that
 * runs now is changed (V8's and libuv's included), and the processes and threads started later
 * (cluster workers, libuv's pool) inherit it. Raising the value needs no privilege.
 *
 * Throws when a thread cannot be changed, naming it; where there are no per-thread entries to
 * read (not Linux), only the calling thread is changed.
 */
export const lowerCpuPriority = (nice: number): void => {
  if (nice === 0) return;
  let threads: number[];
  try {
    threads = readdirSync("/proc/self/task").map(Number);
  } catch {
    threads = [0];
  }
  for (const thread of threads) {
    try {
      os.setPriority(thread, nice);
    } catch (error) {
      // A thread that ended since the listing has nothing left to change.
      if ((error as { info?: { code?: string } }).info?.code === "ESRCH") continue;
      throw new Error(`cannot lower thread ${thread}'s CPU priority to ${nice}`, { cause: error });
    }
  }
};

/**
 * Lowers the CPU priority of the calling thread only, to `nice`: for a service run as one worker
 * thread of a process hosting several (`npm start`), whose neighbours must keep theirs. Linux
 * applies `setpriority` for "this process" to the calling thread.
 */
export const lowerThreadCpuPriority = (nice: number): void => {
  if (nice === 0) return;
  try {
    os.setPriority(0, nice);
  } catch (error) {
    throw new Error(`cannot lower this thread's CPU priority to ${nice}`, { cause: error });
  }
};
