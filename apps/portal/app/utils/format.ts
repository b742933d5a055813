/** Formats an ISO time in the user's chosen time zone. */
export function formatDateTime(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  }).format(new Date(iso));
}

/** The message of a tRPC or network error, for showing next to the control that failed. */
export function errorMessage(error: unknown): string | null {
  if (!error) return null;
  if (error instanceof Error) return error.message;
  // Anything else thrown is shown only if it is already words, never as `[object Object]`.
  return typeof error === 'string' ? error : 'Something went wrong.';
}
