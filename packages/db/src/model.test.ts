import { expect, test } from 'vitest';

import { createDocumentClient } from './client';
import { builtOnFirstUse, createModel } from './model';

class Counter {
  count = 0;
  add(by: number): number {
    this.count += by;
    return this.count;
  }
}

test('an entity stand-in builds nothing until something is asked of it, then builds once', () => {
  let builds = 0;
  const counter = builtOnFirstUse(() => {
    builds += 1;
    return new Counter();
  });
  const { add } = { add: (by: number) => counter.add(by) };
  expect(builds).toBe(0);

  expect(add(2)).toBe(2);
  expect(counter.add(3)).toBe(5);
  expect(counter.count).toBe(5);
  expect(counter).toBeInstanceOf(Counter);
  expect(builds).toBe(1);
});

test('a method taken from the stand-in keeps its entity as `this`', () => {
  const counter = builtOnFirstUse(() => new Counter());
  const add = counter.add;

  expect(add(4)).toBe(4);
  expect(counter.count).toBe(4);
});

test('the model hands out every entity, each answering as an ElectroDB entity', () => {
  const model = createModel(
    createDocumentClient({ region: 'eu-west-1', endpoint: 'http://127.0.0.1:1' }),
    'mlspace',
  );

  expect(Object.keys(model.entities)).toHaveLength(27);
  expect(model.entities.user.schema.model.entity).toBe('user');
  expect(model.entities.reachEpoch.get({}).params()).toMatchObject({ TableName: 'mlspace' });
});
