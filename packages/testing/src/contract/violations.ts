import { formatViolations, type Violation } from './validate';

/**
 * Contract violations the fakes met in the running test. msw turns an exception in a handler into
 * a 500 the code under test may swallow or retry, so the fakes record what they find here and
 * mockHttp's afterEach fails the test with the list.
 */
const recorded: string[] = [];

export function recordContractViolations(
  service: string,
  operation: string,
  direction: 'request' | 'response' | 'error',
  violations: Violation[],
): void {
  if (violations.length > 0)
    recorded.push(formatViolations(service, operation, direction, violations));
}

/** The violations recorded since the last call, cleared. */
export function takeContractViolations(): string[] {
  return recorded.splice(0);
}

export function assertNoContractViolations(): void {
  const found = [...new Set(takeContractViolations())];
  if (found.length > 0)
    throw new Error(
      `A fake met requests or gave answers that AWS's service models do not allow (packages/testing/src/contract):\n${found.join('\n')}`,
    );
}
