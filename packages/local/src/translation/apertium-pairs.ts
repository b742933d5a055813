/**
 * The language pairs installed on this machine: Debian's `apertium-<pair>` packages put one
 * `<source>-<target>.mode` file each in /usr/share/apertium/modes. Variants (`spa-eng_US`) that
 * Translate's vocabulary has no code for are left out.
 */
import { existsSync, readdirSync } from 'node:fs';

import { fromIso6393 } from '@mlspace/core';

export const defaultApertiumModesDir = '/usr/share/apertium/modes';

export interface ApertiumPair {
  /** Translate's codes (en, es). */
  source: string;
  target: string;
  /** Apertium's name for the pair (eng-spa). */
  mode: string;
}

export function installedApertiumPairs(modesDir = defaultApertiumModesDir): ApertiumPair[] {
  if (!existsSync(modesDir)) return [];
  const pairs: ApertiumPair[] = [];
  for (const file of readdirSync(modesDir).sort()) {
    const match = /^([a-z]{2,3})-([a-z]{2,3})\.mode$/.exec(file);
    if (!match) continue;
    const source = fromIso6393(match[1]!) ?? (match[1]!.length === 2 ? match[1]! : null);
    const target = fromIso6393(match[2]!) ?? (match[2]!.length === 2 ? match[2]! : null);
    if (source && target) pairs.push({ source, target, mode: `${match[1]}-${match[2]}` });
  }
  return pairs;
}

/** What `npm start` prints about local translation. */
export function describeInstalledPairs(pairs: readonly ApertiumPair[]): string {
  if (pairs.length === 0)
    return 'Translation: no Apertium language pairs are installed; add some with `apt-get install apertium apertium-apy apertium-eng-spa` (`apt-cache search --names-only ^apertium-` lists the others)';
  return `Translation: Apertium pairs ${pairs.map((pair) => `${pair.source}->${pair.target}`).join(', ')} (add more with apt-get install apertium-<pair>)`;
}
