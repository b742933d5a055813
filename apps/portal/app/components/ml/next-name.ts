/**
 * The name a create form suggests for the next step of the chain (training job -> model ->
 * endpoint config -> endpoint): the previous name with its step's suffix swapped, within the
 * 63 characters compute names allow.
 */
export function nextName(previous: string, suffix: 'model' | 'config' | 'endpoint'): string {
  if (!previous) return '';
  const base = previous.replace(/-(model|config|endpoint)$/, '');
  return `${base.slice(0, 62 - suffix.length)}-${suffix}`.replace(/-+(?=-)/g, '');
}
