import { fileURLToPath } from 'node:url';

import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { expect, test } from 'vitest';

const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));

// The repository's own config, as `npm run lint` loads it; the snippets below are no file of
// any tsconfig, so type-aware rules are switched off for them (the layering rule needs no types).
const eslint = new ESLint({
  cwd: repositoryRoot,
  overrideConfig: tseslint.configs.disableTypeChecked,
});

/** The layering messages ESLint gives `source` as if it were the file at `path`. */
async function layeringErrors(path: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: `${repositoryRoot}${path}` });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === '@typescript-eslint/no-restricted-imports')
    .map((message) => message.message);
}

const importing = (name: string, from: string) =>
  `import { ${name} } from '${from}';\nexport const used = ${name};\n`;
const importingType = (name: string, from: string) =>
  `import type { ${name} } from '${from}';\nexport type Used = ${name};\n`;

test('the portal may not import the API as a value, only as types', async () => {
  expect(
    await layeringErrors('apps/portal/app/utils/x.ts', importing('appRouter', '@mlspace/api')),
  ).toEqual([expect.stringContaining('The portal imports the API only as types')]);
  expect(
    await layeringErrors('apps/portal/app/utils/x.ts', importingType('AppRouter', '@mlspace/api')),
  ).toEqual([]);
});

test.each(['@mlspace/db', '@mlspace/db/table', '@mlspace/aws', '@mlspace/local', '@mlspace/auth'])(
  'the portal may not import %s, even as types',
  async (source) => {
    for (const path of ['apps/portal/app/routes/x.tsx', 'apps/portal/server/x.ts']) {
      expect(await layeringErrors(path, importingType('Anything', source))).toEqual([
        expect.stringContaining('The portal never imports db, aws, local, auth'),
      ]);
    }
  },
);

test.each([
  ['packages/core/src/x.ts', '@mlspace/api'],
  ['packages/db/src/x.ts', '@mlspace/portal'],
  ['packages/testing/src/x.ts', '@mlspace/api'],
  ['packages/aws/src/x.test.ts', '@mlspace/api'],
])('%s may not import the app %s', async (path, source) => {
  expect(await layeringErrors(path, importing('app', source))).not.toEqual([]);
});

test.each(['@mlspace/db', '@mlspace/auth', '@mlspace/testing'])(
  'packages/core may not import %s',
  async (source) => {
    expect(await layeringErrors('packages/core/src/x.ts', importingType('T', source))).toEqual([
      expect.stringContaining('packages/core depends on nothing of ours'),
    ]);
  },
);

test('auth, aws, db and local import core and no other package', async () => {
  expect(await layeringErrors('packages/db/src/x.ts', importing('a', '@mlspace/core'))).toEqual([]);
  for (const [path, source] of [
    ['packages/db/src/x.ts', '@mlspace/local'],
    ['packages/aws/src/x.ts', '@mlspace/db'],
    ['packages/local/src/x.ts', '@mlspace/auth'],
    ['packages/auth/src/x.ts', '@mlspace/aws'],
  ] as const) {
    expect(await layeringErrors(path, importing('a', source))).toEqual([
      expect.stringContaining('import only @mlspace/core'),
    ]);
  }
});

test('test helpers may be imported by tests and not by product code', async () => {
  expect(
    await layeringErrors('apps/api/src/x.ts', importing('fakeIam', '@mlspace/testing')),
  ).toEqual([expect.stringContaining('Test helpers are for tests only')]);
  expect(await layeringErrors('apps/api/src/x.ts', importing('t', '@mlspace/db/testing'))).toEqual([
    expect.stringContaining('Test helpers are for tests only'),
  ]);
  expect(
    await layeringErrors('apps/api/test/x.test.ts', importing('fakeIam', '@mlspace/testing')),
  ).toEqual([]);
  expect(
    await layeringErrors('packages/aws/src/x.test.ts', importing('fakeIam', '@mlspace/testing')),
  ).toEqual([]);
});

test("infra-tf reads the table layout and core's instance-storage types and nothing else of ours; nothing imports infra-tf", async () => {
  expect(
    await layeringErrors(
      'infra-tf/src/x.ts',
      importing('s', '@mlspace/core/instance-storage-types'),
    ),
  ).toEqual([]);
  expect(await layeringErrors('infra-tf/src/x.ts', importing('c', '@mlspace/core'))).toEqual([
    expect.stringContaining('infra-tf imports only @mlspace/db/table'),
  ]);
  expect(await layeringErrors('infra-tf/src/x.ts', importing('t', '@mlspace/db/table'))).toEqual(
    [],
  );
  expect(await layeringErrors('infra-tf/src/x.ts', importing('d', '@mlspace/db'))).toEqual([
    expect.stringContaining('infra-tf imports only @mlspace/db/table'),
  ]);
  expect(await layeringErrors('apps/api/src/x.ts', importing('s', '@mlspace/infra-tf'))).toEqual([
    expect.stringContaining('Nothing imports infra-tf'),
  ]);
});

test("infra-tf's tests may also use the app's IAM documents, the tests' IAM evaluator and the AWS fakes, its code may not", async () => {
  expect(await layeringErrors('infra-tf/test/x.test.ts', importing('a', '@mlspace/aws'))).toEqual(
    [],
  );
  expect(
    await layeringErrors('infra-tf/test/x.test.ts', importing('f', '@mlspace/testing')),
  ).toEqual([]);
  expect(
    await layeringErrors('infra-tf/test/x.test.ts', importing('e', '@mlspace/testing/iam-policy')),
  ).toEqual([]);
  expect(await layeringErrors('infra-tf/test/x.test.ts', importing('d', '@mlspace/db'))).toEqual([
    expect.stringContaining('infra-tf tests import only'),
  ]);
  expect(await layeringErrors('infra-tf/src/x.ts', importing('a', '@mlspace/aws'))).toEqual([
    expect.stringContaining('infra-tf imports only @mlspace/db/table'),
  ]);
  expect(await layeringErrors('infra-tf/src/x.ts', importing('f', '@mlspace/testing'))).toEqual([
    expect.stringContaining('infra-tf imports only @mlspace/db/table'),
  ]);
});

test('@mlspace/client may import the API as types only, and nothing else of ours but core', async () => {
  expect(
    await layeringErrors('packages/client/src/x.ts', importing('appRouter', '@mlspace/api')),
  ).toEqual([expect.stringContaining('imports the API only as types')]);
  expect(
    await layeringErrors('packages/client/src/x.ts', importingType('AppRouter', '@mlspace/api')),
  ).toEqual([]);
  expect(await layeringErrors('packages/client/src/x.ts', importing('db', '@mlspace/db'))).toEqual([
    expect.stringContaining('imports only @mlspace/core'),
  ]);
});

test('the CLI reaches MLSpace through the client, never the API or db directly', async () => {
  for (const source of ['@mlspace/api', '@mlspace/db', '@mlspace/aws']) {
    expect(await layeringErrors('apps/cli/src/x.ts', importingType('Anything', source))).toEqual([
      expect.stringContaining('The CLI imports only @mlspace/client'),
    ]);
  }
  expect(await layeringErrors('apps/cli/src/x.ts', importing('x', '@mlspace/client'))).toEqual([]);
});
