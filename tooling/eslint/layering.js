// The dependency rules of docs/architecture.md ("Layout and dependency rules") as lint:
// dependencies point down (apps -> packages -> core), the portal sees the API as types only,
// and test helpers stay out of product code.
//
// Each part of the repository below lists everything it must not import, for its product code
// and for its tests. Flat config replaces a rule's options instead of merging them, so every
// file must fall into exactly one block: the parts are disjoint, and product and test files are
// split with `ignores`.

const testFiles = [
  '**/*.test.ts',
  '**/*.test.tsx',
  '**/*.spec.ts',
  '**/test/**',
  '**/e2e/**',
  '**/testing/**',
  '**/*.config.ts',
];

const rulesDoc = 'docs/architecture.md, "Layout and dependency rules"';

/** Forbids an import whose source matches `regex` (the package itself and its subpaths). */
function forbid(regex, why) {
  return { regex, message: `${why} (${rulesDoc}).` };
}

const apps = forbid('^@mlspace/(api|portal)(/|$)', 'Packages never import apps');
const infra = forbid('^@mlspace/infra-tf(/|$)', 'Nothing imports infra-tf');
const testHelpers = forbid(
  '^@mlspace/(testing(/|$)|db/(testing|dynamodb-global-setup)$)',
  'Test helpers are for tests only, never for product code',
);

const parts = [
  {
    files: ['packages/core/**'],
    product: [forbid('^@mlspace/', 'packages/core depends on nothing of ours')],
    tests: [forbid('^@mlspace/', 'packages/core depends on nothing of ours')],
  },
  {
    // Only the API brings db, aws, local and auth together; each of them builds on core alone.
    files: ['packages/auth/**', 'packages/aws/**', 'packages/db/**', 'packages/local/**'],
    product: [
      forbid(
        '^@mlspace/(?!core(/|$))',
        'auth, aws, db and local import only @mlspace/core; the API is where they meet',
      ),
    ],
    tests: [apps, infra],
  },
  {
    files: ['packages/testing/**'],
    product: [apps, infra],
    tests: [apps, infra],
  },
  {
    files: ['apps/portal/**'],
    product: [
      {
        regex: '^@mlspace/api(/|$)',
        allowTypeImports: true,
        message: `The portal imports the API only as types (\`import type\`); it calls it over tRPC (${rulesDoc}).`,
      },
      forbid(
        '^@mlspace/(db|aws|local|auth|testing)(/|$)',
        'The portal never imports db, aws, local, auth or test helpers; it goes through the API',
      ),
      infra,
    ],
    tests: [infra],
  },
  {
    // The client sees the API as types only (ADR 019): its types are the router's, its calls go
    // over HTTP. Besides that it builds on core alone.
    files: ['packages/client/**'],
    product: [
      {
        regex: '^@mlspace/api(/|$)',
        allowTypeImports: true,
        message: `@mlspace/client imports the API only as types (\`import type\`); it calls it over HTTP (${rulesDoc}).`,
      },
      forbid(
        '^@mlspace/(?!core(/|$)|api(/|$))',
        '@mlspace/client imports only @mlspace/core and the API as types',
      ),
    ],
    tests: [
      {
        regex: '^@mlspace/api(/|$)',
        allowTypeImports: true,
        message: `@mlspace/client's tests import the API only as types (${rulesDoc}).`,
      },
      infra,
    ],
  },
  {
    // The CLI is a program over the client: it reaches MLSpace only the way any script does.
    files: ['apps/cli/**'],
    product: [
      forbid(
        '^@mlspace/(?!client(/|$)|core(/|$))',
        'The CLI imports only @mlspace/client and @mlspace/core; it calls the API over HTTP',
      ),
    ],
    tests: [
      forbid(
        '^@mlspace/(?!client(/|$)|core(/|$)|local(/|$))',
        'The CLI tests import only @mlspace/client, @mlspace/core and @mlspace/local (to start the stack)',
      ),
    ],
  },
  {
    files: ['apps/api/**'],
    product: [
      forbid('^@mlspace/portal(/|$)', 'The API never imports the portal'),
      infra,
      testHelpers,
    ],
    tests: [forbid('^@mlspace/portal(/|$)', 'The API never imports the portal'), infra],
  },
  {
    // infra-tf reads the table layout; the api and portal bundles it ships are read by path. Its
    // tests also evaluate the synthesized IAM together with the policies the app writes at run
    // time and the event types it reads (ADR 013), with the tests' IAM evaluator, and run the app's
    // IAM calls (user deletion) against the contract-checked fakes to evaluate each one.
    files: ['infra-tf/**'],
    // It also reads core's list of instance-storage types, a file that imports nothing, and the
    // idle-stop script's tag name (the notebook role may set exactly that tag).
    product: [
      forbid(
        '^@mlspace/(?!db/table$|core/instance-storage-types$|core/idle-stop-script$)',
        'infra-tf imports only @mlspace/db/table, @mlspace/core/instance-storage-types and @mlspace/core/idle-stop-script',
      ),
    ],
    tests: [
      forbid(
        '^@mlspace/(?!db/table$|core/instance-storage-types$|core/idle-stop-script$|aws$|testing$|testing/iam-policy$)',
        'infra-tf tests import only @mlspace/db/table, @mlspace/aws and @mlspace/testing',
      ),
    ],
  },
];

function restrict(patterns) {
  return { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] };
}

/** One block for each part's product code and one for its tests, so no file sees two lists. */
export const layering = parts.flatMap(({ files, product, tests }) => [
  { files, ignores: testFiles, rules: restrict(product) },
  // A nested array matches files that match all of its globs: this part's test files.
  { files: files.flatMap((part) => testFiles.map((test) => [part, test])), rules: restrict(tests) },
]);
