/**
 * Custom terminology enforced on a rule-based engine: each occurrence of a source term becomes an
 * empty element Apertium's HTML deformatter carries through as formatting (a superblank) without
 * translating it, and the element is replaced by the target term afterwards. So a term's
 * translation is always the terminology's, whatever the engine would have said.
 */
import type { TerminologyEntry } from '@mlspace/core';

export interface TermSubstitution {
  source: string;
  target: string;
}

export interface ProtectedMarkup {
  /** HTML to give the engine. */
  markup: string;
  /** The target text of placeholder `i`. */
  replacements: string[];
  applied: TermSubstitution[];
}

const placeholder = (index: number) => `<mlsterm${index}/>`;
/** Apertium writes an empty element back either self-closed or as a start and end tag. */
const placeholderPattern = /<mlsterm(\d+)\s*\/?>(?:<\/mlsterm\1>)?/g;

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function unescapeHtml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A term that opens a sentence keeps its capital in the target. */
function matchCase(found: string, target: string): string {
  const first = found.charAt(0);
  return first !== first.toLowerCase() && target.length > 0
    ? target.charAt(0).toUpperCase() + target.slice(1)
    : target;
}

/**
 * Replaces the terms in the text parts of `html` (never inside tags); longer terms first, whole
 * words only, case-insensitively, as Amazon Translate matches them.
 */
export function protectTerms(
  html: string,
  entries: readonly TerminologyEntry[],
  targetLanguage: string,
): ProtectedMarkup {
  const terms = entries
    .filter((entry) => entry.targets[targetLanguage] !== undefined)
    .sort((a, b) => b.source.length - a.source.length);
  const replacements: string[] = [];
  const applied = new Map<string, TermSubstitution>();
  if (terms.length === 0) return { markup: html, replacements, applied: [] };
  const bySource = new Map(terms.map((entry) => [entry.source.toLowerCase(), entry]));
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}])(${terms.map((entry) => escapeRegExp(escapeHtml(entry.source))).join('|')})(?![\\p{L}\\p{N}])`,
    'giu',
  );
  const markup = html
    .split(/(<[^>]*>)/)
    .map((part) =>
      part.startsWith('<')
        ? part
        : part.replace(pattern, (found: string) => {
            const entry = bySource.get(unescapeHtml(found).toLowerCase());
            if (!entry) return found;
            const target = entry.targets[targetLanguage]!;
            applied.set(entry.source, { source: entry.source, target });
            replacements.push(escapeHtml(matchCase(found, target)));
            return placeholder(replacements.length - 1);
          }),
    )
    .join('');
  return { markup, replacements, applied: [...applied.values()] };
}

/** Puts the target terms where the engine kept the placeholders. */
export function restoreTerms(translated: string, replacements: readonly string[]): string {
  if (replacements.length === 0) return translated;
  return translated.replace(
    placeholderPattern,
    (whole, index: string) => replacements[Number(index)] ?? whole,
  );
}
