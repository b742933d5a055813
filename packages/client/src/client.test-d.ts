/**
 * The client's types are the router's: inputs and outputs are inferred from the API's procedures,
 * so a renamed field or a wrong type is a compile error in every script, not a 400 at run time.
 * Checked by `vitest --typecheck` (tsc), never executed.
 */
import { describe, expectTypeOf, test } from 'vitest';

import type { DatasetView, MyProjectView, Page, ProjectMemberView } from '@mlspace/core';

import { createMlspaceClient, type RouterInputs, type RouterOutputs } from './index';

const { api } = createMlspaceClient({ url: 'http://localhost:3000', token: 'mls_x_y' });

describe('the typed client', () => {
  test('a query returns the procedure output the router declares', () => {
    expectTypeOf(api.projects.mine.query).returns.resolves.toEqualTypeOf<Page<MyProjectView>>();
    expectTypeOf(api.datasets.list.query).returns.resolves.toEqualTypeOf<Page<DatasetView>>();
    expectTypeOf(api.projects.members.add.mutate).returns.resolves.toEqualTypeOf<
      ProjectMemberView[]
    >();
  });

  test('inputs are the router inputs', () => {
    expectTypeOf(api.training.create.mutate)
      .parameter(0)
      .toEqualTypeOf<RouterInputs['training']['create']>();
    expectTypeOf<RouterOutputs['endpoints']['invoke']>().toHaveProperty('body').toBeString();
  });

  test('a wrong input field, a wrong type or a missing field does not compile', () => {
    // @ts-expect-error datasets.get takes `name`, not `dataset`
    void api.datasets.get.query({ scope: 'global', dataset: 'iris' });
    // @ts-expect-error the scope is one of global, project, private, group
    void api.datasets.get.query({ scope: 'public', name: 'iris' });
    // @ts-expect-error usernames is a list
    void api.projects.members.add.mutate({ project: 'p', usernames: 'alice' });
    // @ts-expect-error the project is required
    void api.notebooks.list.query({});
    // @ts-expect-error there is no such procedure
    // eslint-disable-next-line @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-member-access -- the point: it has no type
    void api.projects.rename.mutate({ name: 'a' });
  });

  test('a query is not called as a mutation', () => {
    // @ts-expect-error projects.mine is a query
    // eslint-disable-next-line @typescript-eslint/no-unsafe-call -- the point: it has no type
    void api.projects.mine.mutate({});
  });
});
