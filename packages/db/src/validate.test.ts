import { expect, test } from 'vitest';

import {
  ValidationError,
  createGroupInputSchema,
  createProjectInputSchema,
  highestRole,
} from '@mlspace/core';

import { validate } from './validate';

function fieldOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error.field;
    throw error;
  }
  return undefined;
}

test('project names are 3 to 24 letters and digits, and a bad one names the field', () => {
  expect(validate(createProjectInputSchema, { name: 'Vision2024', description: '' }).name).toBe(
    'Vision2024',
  );
  for (const name of ['ab', 'a'.repeat(25), 'has space', 'dash-ed', 'ümlaut']) {
    expect(fieldOf(() => validate(createProjectInputSchema, { name, description: '' }))).toBe(
      'name',
    );
  }
});

test('a project description may be up to 4000 characters', () => {
  expect(() =>
    validate(createProjectInputSchema, { name: 'abc', description: 'x'.repeat(4000) }),
  ).not.toThrow();
  expect(
    fieldOf(() =>
      validate(createProjectInputSchema, { name: 'abc', description: 'x'.repeat(4001) }),
    ),
  ).toBe('description');
});

test('group names are at most 24 letters and digits', () => {
  expect(() => validate(createGroupInputSchema, { name: 'g', description: '' })).not.toThrow();
  expect(
    fieldOf(() => validate(createGroupInputSchema, { name: 'g'.repeat(25), description: '' })),
  ).toBe('name');
  expect(
    fieldOf(() => validate(createGroupInputSchema, { name: 'bad name', description: '' })),
  ).toBe('name');
});

test('a field prefix is put in front of the failing path', () => {
  expect(
    fieldOf(() => validate(createGroupInputSchema, { name: '', description: '' }, 'group')),
  ).toBe('group.name');
});

test('the highest role wins and no role is null', () => {
  expect(highestRole(['member', null, 'owner'])).toBe('owner');
  expect(highestRole([undefined, 'member'])).toBe('member');
  expect(highestRole([])).toBeNull();
});
