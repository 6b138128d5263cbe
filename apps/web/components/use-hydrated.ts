import { useSyncExternalStore } from "react";

const subscribe = () => () => undefined;

/**
 * False during server rendering and until React has hydrated the page. Forms keep their submit
 * button disabled until then: a click before hydration would submit natively, without our handler.
 */
export const useHydrated = (): boolean =>
  useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
