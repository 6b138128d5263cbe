/**
 * How many live seat-map streams each client address holds open, in this web process. A stream
 * takes a slot before it opens and gives it back when it ends, however it ends.
 */
export type LiveStreamSlots = {
  /**
   * A slot for `address`, or the refusal when it already holds `perClient` streams. `release` is
   * safe to call any number of times: only the first call frees the slot.
   */
  acquire(address: string): { ok: true; release: () => void } | { ok: false; limit: number };
  /** Streams open for `address` (0 when none). */
  openFor(address: string): number;
  /** Addresses holding at least one stream; an address whose streams all closed is forgotten. */
  clients(): number;
};

export const createLiveStreamSlots = ({ perClient }: { perClient: number }): LiveStreamSlots => {
  const open = new Map<string, number>();
  return {
    acquire(address) {
      const held = open.get(address) ?? 0;
      if (held >= perClient) return { ok: false, limit: perClient };
      open.set(address, held + 1);
      let released = false;
      return {
        ok: true,
        release: () => {
          if (released) return;
          released = true;
          const now = (open.get(address) ?? 1) - 1;
          if (now <= 0) open.delete(address);
          else open.set(address, now);
        },
      };
    },
    openFor: (address) => open.get(address) ?? 0,
    clients: () => open.size,
  };
};
