/** tRPC errors carry their code in `data.code`. */
function codeOf(error: unknown): string | undefined {
  return (error as { data?: { code?: string } } | null)?.data?.code;
}

/**
 * A refusal that asking again will not change (signed out, suspended, not allowed): retrying or
 * polling on it only multiplies requests.
 */
export function isRefusal(error: unknown): boolean {
  const code = codeOf(error);
  return code === 'UNAUTHORIZED' || code === 'FORBIDDEN';
}
