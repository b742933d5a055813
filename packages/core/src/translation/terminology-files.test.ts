import { expect, test } from 'vitest';

import { ValidationError } from '../errors';
import { parseTerminologyFile } from './terminology-files';

function problemOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error.message;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

test('a CSV terminology reads its header as source and target languages', () => {
  const parsed = parseTerminologyFile(
    'CSV',
    'en,es,fr\nfiles,archivos,fichiers\n"team, red",equipo rojo,équipe rouge\n',
  );
  expect(parsed.sourceLanguage).toBe('en');
  expect(parsed.targetLanguages).toEqual(['es', 'fr']);
  expect(parsed.entries).toEqual([
    { source: 'files', targets: { es: 'archivos', fr: 'fichiers' } },
    { source: 'team, red', targets: { es: 'equipo rojo', fr: 'équipe rouge' } },
  ]);
});

test('a CSV row with a missing target term is refused naming its line', () => {
  expect(problemOf(() => parseTerminologyFile('CSV', 'en,es\nfiles,archivos\nteam,\n'))).toBe(
    'file: line 3: the es term is empty',
  );
});

test('a CSV row with too many columns is refused naming its line', () => {
  expect(problemOf(() => parseTerminologyFile('CSV', 'en,es\nfiles,archivos\na,b,c\n'))).toMatch(
    /^file: line 3: is not valid CSV/,
  );
});

test('a CSV header with an unknown language code is refused on line 1', () => {
  expect(problemOf(() => parseTerminologyFile('CSV', 'en,xx\nfiles,archivos\n'))).toBe(
    'file: line 1: the target language "xx" is not a language code Amazon Translate knows',
  );
});

test('a term given twice is refused naming the second line', () => {
  expect(
    problemOf(() => parseTerminologyFile('CSV', 'en,es\nfiles,archivos\nfiles,ficheros\n')),
  ).toBe('file: line 3: the term "files" appears twice');
});

const tmx = (units: string) => `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header srclang="en" datatype="plaintext" segtype="phrase" adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/>
  <body>
${units}
  </body>
</tmx>
`;

test('a TMX terminology reads each unit as a term and its translations', () => {
  const parsed = parseTerminologyFile(
    'TMX',
    tmx(
      `    <tu><tuv xml:lang="en"><seg>files</seg></tuv><tuv xml:lang="es"><seg>archivos</seg></tuv></tu>`,
    ),
  );
  expect(parsed).toEqual({
    sourceLanguage: 'en',
    targetLanguages: ['es'],
    entries: [{ source: 'files', targets: { es: 'archivos' } }],
  });
});

test('a TMX unit without the source term is refused naming the unit line', () => {
  const content =
    tmx(`    <tu><tuv xml:lang="en"><seg>files</seg></tuv><tuv xml:lang="es"><seg>archivos</seg></tuv></tu>
    <tu><tuv xml:lang="es"><seg>equipo</seg></tuv></tu>`);
  expect(problemOf(() => parseTerminologyFile('TMX', content))).toBe(
    'file: line 6: the unit has no en term',
  );
});

test('malformed TMX is refused naming the line the XML breaks on', () => {
  const content = tmx(`    <tu><tuv xml:lang="en"><seg>files</seg></tuv>
    </body>`);
  expect(problemOf(() => parseTerminologyFile('TMX', content))).toMatch(
    /^file: line \d+: is not valid XML/,
  );
});

test('a file without terms is refused', () => {
  expect(problemOf(() => parseTerminologyFile('CSV', 'en,es\n'))).toBe('file: holds no terms');
});
