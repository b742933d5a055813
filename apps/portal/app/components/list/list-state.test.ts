import { describe, expect, test } from 'vitest';

import {
  cursorOf,
  defaultListState,
  isFiltered,
  listSearchParams,
  pageNumber,
  pageRange,
  parseListState,
  withFilter,
  withNextPage,
  withPreviousPage,
  withSort,
  withoutFilters,
  type ListSpec,
} from './list-state';

const spec: ListSpec<'q' | 'status' | 'from'> = {
  filters: {
    q: { kind: 'text', maxLength: 20 },
    status: { kind: 'choice', values: ['all', 'InService', 'Stopped'] },
    from: { kind: 'text', pattern: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/ },
  },
  sortable: { created: 'desc', name: 'asc' },
  defaultSort: { column: 'created', direction: 'desc' },
};

const cursorA = Buffer.from('{"pk":"a"}').toString('base64url');
const cursorB = Buffer.from('{"pk":"b"}').toString('base64url');

function parse(query: string) {
  return parseListState(spec, new URLSearchParams(query));
}

describe('reading a list view from the URL', () => {
  test('a URL without params is the default view: no filters, the API order, the first page', () => {
    expect(parse('')).toEqual({
      filters: { q: '', status: 'all', from: '' },
      sort: { column: 'created', direction: 'desc' },
      trail: [],
    });
  });

  test('a view written to the URL reads back as the same view', () => {
    const view = withNextPage(
      withNextPage(
        withSort(
          spec,
          withFilter(withFilter(defaultListState(spec), 'q', 'bert'), 'status', 'Stopped'),
          'name',
        ),
        cursorA,
      ),
      cursorB,
    );
    const params = listSearchParams(spec, view);
    expect(params.toString()).toBe(`q=bert&status=Stopped&sort=name&page=${cursorA}.${cursorB}`);
    expect(parseListState(spec, params)).toEqual(view);
    expect(cursorOf(view)).toBe(cursorB);
    expect(pageNumber(view)).toBe(3);
  });

  test('a status no filter offers falls back to all', () => {
    expect(parse('status=Exploded').filters.status).toBe('all');
    expect(parse('status=').filters.status).toBe('all');
  });

  test('text longer than the filter allows, or with control characters, falls back to empty', () => {
    expect(parse(`q=${'x'.repeat(21)}`).filters.q).toBe('');
    expect(parse('q=a%00b').filters.q).toBe('');
    expect(parse('q=%0A').filters.q).toBe('');
    expect(parse('q=%20%20bert%20').filters.q).toBe('bert');
  });

  test('a text filter with a pattern keeps only values of that shape', () => {
    expect(parse('from=2026-11-30T10:00').filters.from).toBe('2026-11-30T10:00');
    expect(parse('from=yesterday').filters.from).toBe('');
    expect(parse('from=2026-11-30T10:00%3Cscript%3E').filters.from).toBe('');
  });

  test('an unknown sort column falls back to the API order; a known one takes its direction', () => {
    expect(parse('sort=password').sort).toEqual(spec.defaultSort);
    expect(parse('sort=-').sort).toEqual(spec.defaultSort);
    expect(parse('sort=__proto__').sort).toEqual(spec.defaultSort);
    expect(parse('sort=constructor').sort).toEqual(spec.defaultSort);
    expect(parse('sort=-name').sort).toEqual({ column: 'name', direction: 'desc' });
    expect(parse('sort=created').sort).toEqual({ column: 'created', direction: 'asc' });
  });

  test('a page trail with anything but cursors starts over at the first page', () => {
    expect(parse(`page=${cursorA}.not%20a%20cursor`).trail).toEqual([]);
    expect(parse(`page=${cursorA}..${cursorB}`).trail).toEqual([]);
    expect(parse('page=.').trail).toEqual([]);
    expect(parse(`page=${'A'.repeat(20_000)}`).trail).toEqual([]);
    expect(parse(`page=${Array.from({ length: 101 }, () => 'A').join('.')}`).trail).toEqual([]);
    expect(parse(`page=${cursorA}`).trail).toEqual([cursorA]);
  });

  test('a repeated param is read once, not joined or turned into a list', () => {
    expect(parse('status=Stopped&status=InService').filters.status).toBe('Stopped');
  });

  test('a list with a prefix reads only its own params, and writing it keeps the others', () => {
    const members: ListSpec<'q'> = {
      prefix: 'members-',
      filters: { q: { kind: 'text' } },
      sortable: {},
      defaultSort: null,
    };
    const params = new URLSearchParams(`q=other&members-q=ann&members-page=${cursorA}`);
    const view = parseListState(members, params);
    expect(view).toEqual({ filters: { q: 'ann' }, sort: null, trail: [cursorA] });
    const written = listSearchParams(members, withFilter(view, 'q', ''), params);
    expect(written.toString()).toBe('q=other');
  });
});

describe('moving between views', () => {
  test('changing a filter goes back to the first page', () => {
    const deep = withNextPage(defaultListState(spec), cursorA);
    expect(withFilter(deep, 'q', 'x').trail).toEqual([]);
  });

  test('the sorted column flips on a second press and restarts the pages', () => {
    const byName = withSort(spec, withNextPage(defaultListState(spec), cursorA), 'name');
    expect(byName).toMatchObject({ sort: { column: 'name', direction: 'asc' }, trail: [] });
    expect(withSort(spec, byName, 'name').sort).toEqual({ column: 'name', direction: 'desc' });
    expect(withSort(spec, byName, 'owner')).toBe(byName);
  });

  test('previous drops the last cursor and never goes before the first page', () => {
    const second = withNextPage(defaultListState(spec), cursorA);
    expect(withPreviousPage(second).trail).toEqual([]);
    expect(withPreviousPage(withPreviousPage(second)).trail).toEqual([]);
  });

  test('clearing the filters keeps the sort', () => {
    const view = withSort(spec, withFilter(defaultListState(spec), 'q', 'x'), 'name');
    expect(isFiltered(spec, view)).toBe(true);
    const cleared = withoutFilters(spec, view);
    expect(isFiltered(spec, cleared)).toBe(false);
    expect(cleared.sort).toEqual(view.sort);
  });
});

describe('the range a page shows', () => {
  test('the second page of 25 says 26 to 50 of more while a next page exists', () => {
    const second = withNextPage(defaultListState(spec), cursorA);
    expect(pageRange(second, 25, 25, true)).toEqual({ from: 26, to: 50, total: null });
  });

  test('the last page knows the total without counting', () => {
    const second = withNextPage(defaultListState(spec), cursorA);
    expect(pageRange(second, 25, 7, false)).toEqual({ from: 26, to: 32, total: 32 });
  });

  test('a total the API counted wins', () => {
    expect(pageRange(defaultListState(spec), 25, 25, true, 120)).toEqual({
      from: 1,
      to: 25,
      total: 120,
    });
  });
});
