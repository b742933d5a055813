/**
 * Custom terminology files as Amazon Translate takes them (CSV and TMX), read the same way on both
 * backends so a file that imports locally imports on AWS. A problem names the line it is on.
 * Imported as `@mlspace/core/terminology-files` by the server side only: its parsers are not for
 * the browser bundle.
 */
import { parse as parseCsv, CsvError } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

import { ValidationError } from '../errors';
import { isTranslationLanguage } from './languages';
import {
  maxTerminologyFileBytes,
  type ParsedTerminology,
  type TerminologyFormat,
} from './terminologies';

const maxTermLength = 200;

export function parseTerminologyFile(
  format: TerminologyFormat,
  content: string,
  field = 'file',
): ParsedTerminology {
  if (new TextEncoder().encode(content).length > maxTerminologyFileBytes)
    throw new ValidationError(field, 'must be at most 10 MB, as Amazon Translate allows');
  const parsed = format === 'CSV' ? parseCsvTerminology(content, field) : parseTmx(content, field);
  if (parsed.entries.length === 0) throw new ValidationError(field, 'holds no terms');
  return parsed;
}

function problem(field: string, line: number, rule: string): ValidationError {
  return new ValidationError(field, `line ${line}: ${rule}`);
}

function checkLanguage(field: string, line: number, code: string, what: string): string {
  const trimmed = code.trim();
  if (!isTranslationLanguage(trimmed))
    throw problem(
      field,
      line,
      `${what} "${trimmed}" is not a language code Amazon Translate knows`,
    );
  return trimmed;
}

function checkTerm(field: string, line: number, term: string, language: string): string {
  const trimmed = term.trim();
  if (trimmed === '') throw problem(field, line, `the ${language} term is empty`);
  if (trimmed.length > maxTermLength)
    throw problem(field, line, `the ${language} term is longer than ${maxTermLength} characters`);
  return trimmed;
}

/** First row: the source language code, then the target codes; every other row: one term each. */
function parseCsvTerminology(content: string, field: string): ParsedTerminology {
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parseCsv(content.replace(/^\uFEFF/, ''), {
      info: true,
      skip_empty_lines: true,
      relax_column_count: false,
      bom: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines ?? 1;
      throw problem(field, line, `is not valid CSV (${error.message.replace(/^[^:]*:\s*/, '')})`);
    }
    throw error;
  }
  const [header, ...body] = rows;
  if (!header) throw new ValidationError(field, 'is empty');
  if (header.record.length < 2)
    throw problem(field, 1, 'the header must name the source language and at least one target');
  const languages = header.record.map((code, index) =>
    checkLanguage(field, 1, code, index === 0 ? 'the source language' : 'the target language'),
  );
  if (new Set(languages).size !== languages.length)
    throw problem(field, 1, 'the header names a language twice');
  const [sourceLanguage, ...targetLanguages] = languages as [string, ...string[]];
  const seen = new Set<string>();
  const entries = body.map(({ record, info }) => {
    const line = info.lines;
    const source = checkTerm(field, line, record[0] ?? '', sourceLanguage);
    if (seen.has(source)) throw problem(field, line, `the term "${source}" appears twice`);
    seen.add(source);
    const targets = Object.fromEntries(
      targetLanguages.map((language, index) => [
        language,
        checkTerm(field, line, record[index + 1] ?? '', language),
      ]),
    );
    return { source, targets };
  });
  return { sourceLanguage, targetLanguages, entries };
}

interface TmxNode {
  [key: string]: unknown;
}

/** The line of the `index`-th `<tu` element, counted in the text (the parser keeps no positions). */
function lineOfUnit(content: string, index: number): number {
  const pattern = /<tu[\s>]/g;
  let match: RegExpExecArray | null = null;
  for (let i = 0; i <= index; i += 1) match = pattern.exec(content);
  if (!match) return 1;
  return content.slice(0, match.index).split('\n').length;
}

function asArray(value: unknown): TmxNode[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]) as TmxNode[];
}

function textOf(value: unknown): string {
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (value && typeof value === 'object' && '#text' in value) return textOf(value['#text']);
  return '';
}

/** `<header srclang>` names the source; each `<tu>` holds one `<tuv xml:lang>` per language. */
function parseTmx(content: string, field: string): ParsedTerminology {
  const valid = XMLValidator.validate(content);
  if (valid !== true) throw problem(field, valid.err.line, `is not valid XML (${valid.err.msg})`);
  const document = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    parseTagValue: false,
    isArray: (name) => name === 'tu' || name === 'tuv',
  }).parse(content) as TmxNode;
  const tmx = document.tmx as TmxNode | undefined;
  if (!tmx) throw problem(field, 1, 'has no <tmx> element');
  const header = tmx.header as TmxNode | undefined;
  const headerLine = content.slice(0, Math.max(0, content.indexOf('<header'))).split('\n').length;
  const sourceCode = header?.['@srclang'];
  if (typeof sourceCode !== 'string')
    throw problem(field, headerLine, '<header> must name the source language in srclang');
  const sourceLanguage = checkLanguage(field, headerLine, sourceCode, 'the source language');
  const units = asArray((tmx.body as TmxNode | undefined)?.tu);
  const targetLanguages = new Set<string>();
  const seen = new Set<string>();
  const entries = units.map((unit, index) => {
    const line = lineOfUnit(content, index);
    const variants = asArray(unit.tuv).map((variant) => {
      const code = variant['@xml:lang'] ?? variant['@lang'];
      if (typeof code !== 'string') throw problem(field, line, 'a <tuv> has no xml:lang');
      return {
        language: checkLanguage(field, line, code, 'the language'),
        text: textOf(variant.seg),
      };
    });
    const source = variants.find((variant) => variant.language === sourceLanguage);
    if (!source) throw problem(field, line, `the unit has no ${sourceLanguage} term`);
    const term = checkTerm(field, line, source.text, sourceLanguage);
    if (seen.has(term)) throw problem(field, line, `the term "${term}" appears twice`);
    seen.add(term);
    const targets: Record<string, string> = {};
    for (const variant of variants) {
      if (variant.language === sourceLanguage) continue;
      targets[variant.language] = checkTerm(field, line, variant.text, variant.language);
      targetLanguages.add(variant.language);
    }
    if (Object.keys(targets).length === 0)
      throw problem(field, line, 'the unit gives the term in no target language');
    return { source: term, targets };
  });
  return { sourceLanguage, targetLanguages: [...targetLanguages], entries };
}
