import { expect, test } from 'vitest';

import { escapeHtml, protectTerms, restoreTerms, unescapeHtml } from './protected-terms';

const entries = [
  { source: 'files', targets: { es: 'archivos' } },
  { source: 'data set', targets: { es: 'conjunto de datos' } },
  { source: 'R&D', targets: { es: 'I+D' } },
];

test('each whole-word occurrence of a term becomes a placeholder, in text parts only', () => {
  const { markup, replacements, applied } = protectTerms(
    '<p title="files">Files and profiles: the files of the data set</p>',
    entries,
    'es',
  );
  expect(markup).toBe(
    '<p title="files"><mlsterm0/> and profiles: the <mlsterm1/> of the <mlsterm2/></p>',
  );
  expect(replacements).toEqual(['Archivos', 'archivos', 'conjunto de datos']);
  expect(applied).toEqual([
    { source: 'files', target: 'archivos' },
    { source: 'data set', target: 'conjunto de datos' },
  ]);
});

test('a term with markup characters matches its escaped form and comes back escaped', () => {
  const { markup, replacements } = protectTerms(escapeHtml('R&D <team>'), entries, 'es');
  expect(markup).toBe('<mlsterm0/> &lt;team&gt;');
  expect(unescapeHtml(restoreTerms('<mlsterm0/> &lt;equipo&gt;', replacements))).toBe(
    'I+D <equipo>',
  );
});

test('terms for another target language are left to the engine', () => {
  expect(protectTerms('the files', entries, 'fr').markup).toBe('the files');
});

test('placeholders come back whether the engine self-closed them or not', () => {
  expect(restoreTerms('Los <mlsterm0></mlsterm0> y <mlsterm1/>', ['archivos', 'datos'])).toBe(
    'Los archivos y datos',
  );
});
