import { useSyncExternalStore } from 'react';

const neverChanges = () => () => {};

/**
 * False in the server's HTML and while the browser hydrates it, true once React owns the page.
 * A control whose work lives in an event handler does nothing before then, so it waits disabled
 * (and Playwright's click, like a person, waits for it to be enabled).
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    neverChanges,
    () => true,
    () => false,
  );
}
