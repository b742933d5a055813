import { useEffect, useRef } from 'react';
import { useRevalidator } from 'react-router';

/** Many queries failing together cause one check, not a request storm. */
const minimumGapMs = 5_000;

/**
 * When the API refuses a request (401: the session ended; 403: suspended, or not allowed here),
 * asks the root loader again who the caller is. It redirects once to /signin (with the page to
 * return to) or to /suspended, or changes nothing when the refusal concerned this page only.
 * Also re-checks a page restored from the back-forward cache, so Back after sign-out shows
 * sign-in rather than the page as it was.
 */
export function useRefusalRecovery(): (error: unknown) => void {
  const revalidator = useRevalidator();
  const latest = useRef(revalidator);
  latest.current = revalidator;
  const lastCheckAt = useRef(Number.NEGATIVE_INFINITY);

  useEffect(() => {
    const onPageShow = (event: PageTransitionEvent) => {
      if (event.persisted) void latest.current.revalidate();
    };
    window.addEventListener('pageshow', onPageShow);
    return () => window.removeEventListener('pageshow', onPageShow);
  }, []);

  const recover = useRef(() => {
    const now = Date.now();
    if (latest.current.state !== 'idle' || now - lastCheckAt.current < minimumGapMs) return;
    lastCheckAt.current = now;
    void latest.current.revalidate();
  });
  return recover.current;
}
