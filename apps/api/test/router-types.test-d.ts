import { expectTypeOf, test } from 'vitest';

import type { RouterInputs, RouterOutputs } from '../src/index';

test('router outputs are inferred, never any', () => {
  expectTypeOf<RouterOutputs['me']['get']>().not.toBeAny();
  expectTypeOf<RouterOutputs['me']['get']['username']>().toEqualTypeOf<string>();
  expectTypeOf<
    RouterOutputs['users']['list']['items'][number]['isAdmin']
  >().toEqualTypeOf<boolean>();
  expectTypeOf<RouterInputs['users']['setSuspended']>().toEqualTypeOf<{
    username: string;
    suspended: boolean;
  }>();
});
