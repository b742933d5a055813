import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useLocation } from 'react-router';

import { useHydrated } from './use-hydrated';

/**
 * A button that shows and hides a panel of links (the disclosure pattern, not an ARIA menu: the
 * panel holds ordinary links, so Tab moves through them). The panel closes on Escape, returning
 * focus to the button; on a click or focus outside; and when the page changes.
 */
export function useDisclosure() {
  const [open, setOpen] = useState(false);
  const container = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const { pathname } = useLocation();
  const hydrated = useHydrated();

  useEffect(() => setOpen(false), [pathname]);

  const close = useCallback(() => setOpen(false), []);

  useEffect(() => {
    if (!open) return;
    function onKey(event: KeyboardEvent) {
      if (event.key !== 'Escape') return;
      setOpen(false);
      trigger.current?.focus();
    }
    function onOutside(event: Event) {
      if (!container.current?.contains(event.target as Node)) setOpen(false);
    }
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onOutside);
    document.addEventListener('focusin', onOutside);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onOutside);
      document.removeEventListener('focusin', onOutside);
    };
  }, [open]);

  return {
    open,
    close,
    containerRef: container,
    triggerProps: {
      ref: trigger,
      type: 'button' as const,
      'aria-expanded': open,
      'aria-controls': panelId,
      onClick: () => setOpen((wasOpen) => !wasOpen),
      disabled: !hydrated,
    },
    panelProps: { id: panelId, hidden: !open },
  };
}
