// Catalog lists published and cancelled events only, so the drafts an organizer created from this
// browser are remembered here, to be found again until they are published or cancelled.
const KEY = "marquee.organizer.drafts";
const MAX = 20;

const read = (): string[] => {
  try {
    const value: unknown = JSON.parse(window.localStorage.getItem(KEY) ?? "[]");
    return Array.isArray(value) ? value.filter((id): id is string => typeof id === "string") : [];
  } catch {
    return [];
  }
};

const write = (ids: string[]) => {
  try {
    window.localStorage.setItem(KEY, JSON.stringify(ids.slice(0, MAX)));
  } catch {
    // Private browsing or a full store: the draft is still reachable from its own page.
  }
};

export const readDrafts = (): string[] => read();

export const rememberDraft = (eventId: string): void =>
  write([eventId, ...read().filter((id) => id !== eventId)]);

export const forgetDraft = (eventId: string): void => write(read().filter((id) => id !== eventId));
