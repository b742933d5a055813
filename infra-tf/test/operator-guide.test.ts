import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { parseConfig } from '../src/config';
import { repoRoot } from './code-calls';

/** The wizard command lines of the operator guide, in order, continuation lines joined. */
function documentedWizardCommands(): string[] {
  const guide = readFileSync(join(repoRoot, 'docs/operator-guide.md'), 'utf8');
  const blocks = [...guide.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
  const inline = [...guide.matchAll(/`(npm run config[^`]*)`/g)].map((m) => m[1]!);
  const lines = blocks
    .flatMap((block) => block.replace(/\\\n\s*/g, '').split('\n'))
    .map((line) => line.trim())
    .filter((line) => /(^|\| )npm run config\b/.test(line));
  return [...lines, ...inline.filter((command) => !lines.includes(command))];
}

const scratch = mkdtempSync(join(tmpdir(), 'mlspace-operator-guide-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

test('the wizard commands of the operator guide run as written from the repository root (the root script dropped `-- --defaults --set ...`)', () => {
  const commands = documentedWizardCommands();
  expect(commands.length).toBeGreaterThanOrEqual(4);
  const configPath = join(scratch, 'config.json');
  for (const command of commands) {
    execFileSync('bash', ['-c', command], {
      cwd: repoRoot,
      env: { ...process.env, MLSPACE_INFRA_CONFIG: configPath },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }
  // Each documented --set took effect: had the flags been dropped, these would be the defaults.
  const config = parseConfig(JSON.parse(readFileSync(configPath, 'utf8')));
  expect(config).toMatchObject({
    awsAccount: '123456789012',
    awsRegion: 'eu-west-1',
    initialAdmins: ['alice', 'bob'],
    createCloudTrail: false,
    network: { availabilityZones: 3 },
  });
}, 120_000);
