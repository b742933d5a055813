// Shared flat config: typed TypeScript rules, type-only imports, and no process.env outside env.ts.
import { resolve } from 'node:path';

import js from '@eslint/js';
import tseslint from 'typescript-eslint';

import { layering } from './layering.js';

const repositoryRoot = resolve(import.meta.dirname, '../..');

export default tseslint.config(
  { ignores: ['**/build/**', '**/dist/**', '**/.react-router/**', '**/cdktf.out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: repositoryRoot },
    },
  },
  {
    rules: {
      // Async implementations of the Promise-returning ports read better than Promise.resolve().
      '@typescript-eslint/require-await': 'off',
      // Repositories and services are objects of closures: passing one of their functions on
      // loses no `this`, which is the only case this rule guards against.
      '@typescript-eslint/unbound-method': 'off',
      // React Router ends a loader, action or middleware early by throwing what it would return:
      // a redirect() or a Response (both the DOM's Response), or data() with a status.
      '@typescript-eslint/only-throw-error': [
        'error',
        {
          allow: [
            { from: 'lib', name: 'Response' },
            { from: 'package', package: 'react-router', name: 'DataWithResponseInit' },
          ],
        },
      ],
    },
  },
  // Scripts and config files in plain JavaScript belong to no tsconfig, so they get no type
  // information.
  {
    files: ['**/*.{js,mjs,cjs}'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: "Read settings in the app's env.ts only." },
      ],
    },
  },
  {
    files: [
      '**/env.ts',
      '**/*.test.ts',
      '**/*.spec.ts',
      '**/test/**',
      '**/e2e/**',
      '**/bench/**',
      '**/*.config.ts',
    ],
    rules: { 'no-restricted-properties': 'off' },
  },
  ...layering,
);
