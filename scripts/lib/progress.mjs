// Progress lines for long set-up work: every step says what it does and how long it took.
const started = Date.now();
export const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

export const say = (msg) => console.log(`[marquee] ${msg}`);

/** Runs one named step, printing its start, its outcome and its duration. */
export const step = async (name, fn) => {
  const t0 = Date.now();
  say(`… ${name}`);
  try {
    const detail = await fn();
    say(`✔ ${name}${detail ? ` — ${detail}` : ""} (${seconds(Date.now() - t0)})`);
    return detail;
  } catch (error) {
    say(`✘ ${name} failed after ${seconds(Date.now() - t0)}`);
    throw error;
  }
};

export const elapsed = () => seconds(Date.now() - started);
