import { fileURLToPath } from 'node:url';

import { expect, test } from 'vitest';
import { startVitest } from 'vitest/node';

const here = fileURLToPath(new URL('.', import.meta.url));

test('a console.error fails the test that logged it, unless that test spied on it', async () => {
  const vitest = await startVitest('test', [], {
    root: here,
    include: ['fixtures/logs-an-error.fixture.ts'],
    setupFiles: ['./console-error-fails-test.ts'],
    watch: false,
    // Quiet: the fixture's failure is the expected outcome, not news for whoever runs this.
    reporters: [{}],
  });
  await vitest.close();
  const outcome = Object.fromEntries(
    vitest.state
      .getFiles()
      .flatMap((file) => (file.tasks ?? []).map((task) => [task.name, task.result?.state])),
  );
  expect(outcome).toEqual({
    'a test that logs an error it did not expect': 'fail',
    'a test that expects the error it logs': 'pass',
    'a test that logs nothing': 'pass',
  });
});
