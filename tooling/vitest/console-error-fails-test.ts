// Vitest setup file shared by every workspace's unit and integration tests: a console.error
// during a test fails that test (docs/architecture.md, "Tests"). An error the code logs on
// purpose is part of what the test checks: the test replaces console.error with a spy
// (`vi.spyOn(console, 'error').mockImplementation(() => {})`) and asserts the call, which keeps
// the message out of this guard and the output.
import { formatWithOptions } from 'node:util';

import { afterAll, afterEach, beforeAll } from 'vitest';

const unexpected: string[] = [];
const reportToConsole = console.error.bind(console);

function recordingError(...args: unknown[]): void {
  unexpected.push(formatWithOptions({ depth: 4 }, ...args));
  reportToConsole(...args);
}

/** Throws, failing the current test or hook, when console.error was called since the last check. */
function failOnUnexpectedErrors(during: string): void {
  if (unexpected.length === 0) return;
  const messages = unexpected.splice(0).map((message) => `  - ${message}`);
  throw new Error(
    `console.error was called ${during}:\n${messages.join('\n')}\n` +
      'If the test expects it, spy on console.error in that test and assert the call.',
  );
}

beforeAll(() => {
  console.error = recordingError;
});
afterEach(() => failOnUnexpectedErrors('during this test'));
afterAll(() => {
  console.error = reportToConsole;
  failOnUnexpectedErrors("in this file's setup or teardown");
});
