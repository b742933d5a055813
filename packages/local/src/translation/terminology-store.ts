/**
 * Terminologies on this machine: one JSON file each under `<data dir>/.mlspace/terminologies/`,
 * holding the parsed entries and what the portal lists. Names are unique, as in Amazon Translate.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

import { ConflictError, type TerminologyDetail, type TerminologyStore } from '@mlspace/core';

import { writeState } from '../jobs/job-state';

export interface LocalTerminologyStore extends TerminologyStore {
  /** The entries of the named terminologies; a missing one is an error naming the field. */
  entriesOf(names: readonly string[]): TerminologyDetail[];
}

export function createLocalTerminologyStore(directory: string): LocalTerminologyStore {
  const file = (name: string) => path.join(directory, name, 'state.json');
  const read = (name: string): TerminologyDetail | null =>
    existsSync(file(name))
      ? (JSON.parse(readFileSync(file(name), 'utf8')) as TerminologyDetail)
      : null;
  const summary = ({ entries: _entries, ...rest }: TerminologyDetail) => rest;

  return {
    async import(request) {
      // Amazon Translate's ImportTerminology with MergeStrategy OVERWRITE replaces a terminology;
      // MLSpace refuses instead, so one user's import never silently replaces another's.
      if (read(request.name))
        throw new ConflictError(`A terminology named ${request.name} already exists`);
      const at = new Date().toISOString();
      const detail: TerminologyDetail = {
        name: request.name,
        description: request.description,
        sourceLanguage: request.parsed.sourceLanguage,
        targetLanguages: request.parsed.targetLanguages,
        termCount: request.parsed.entries.length,
        sizeBytes: new TextEncoder().encode(request.content).length,
        format: request.format,
        importedBy: request.importedBy,
        createdAt: at,
        updatedAt: at,
        entries: request.parsed.entries,
      };
      mkdirSync(directory, { recursive: true });
      writeState(path.join(directory, request.name), detail);
      return summary(detail);
    },
    async list({ cursor, limit }) {
      const names = existsSync(directory) ? readdirSync(directory).sort() : [];
      const start = cursor ? names.findIndex((name) => name > cursor) : 0;
      const slice = start < 0 ? [] : names.slice(start, start + limit);
      const items = slice.flatMap((name) => {
        const detail = read(name);
        return detail ? [summary(detail)] : [];
      });
      const more = start >= 0 && start + limit < names.length;
      return { items, cursor: more ? (slice.at(-1) ?? null) : null };
    },
    async get(name) {
      return read(name);
    },
    async delete(name) {
      rmSync(path.join(directory, name), { recursive: true, force: true });
    },
    entriesOf(names) {
      return names.map((name) => {
        const detail = read(name);
        if (!detail) throw new ConflictError(`The terminology ${name} no longer exists`);
        return detail;
      });
    },
  };
}
