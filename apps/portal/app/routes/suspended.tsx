import { redirect } from 'react-router';

import type { Route } from './+types/suspended';
import { SignOutButton } from '../components/sign-out-button';
import { useRootData } from '../root';
import { callerContext } from '../utils/caller.server';

/** Only a suspended caller belongs here; anyone else goes where they do belong. */
export function loader({ context }: Route.LoaderArgs) {
  const { user, suspended } = context.get(callerContext);
  if (!suspended) throw redirect(user ? '/' : '/signin');
  return null;
}

export const meta: Route.MetaFunction = () => [{ title: 'Account suspended · MLSpace' }];

export default function Suspended() {
  const { user } = useRootData();
  return (
    <div className="mx-auto mt-16 max-w-lg rounded-xl border border-amber-300 bg-amber-50 p-8 text-center dark:border-amber-800 dark:bg-amber-950">
      <h1 className="text-2xl font-semibold">Your account is suspended</h1>
      <p className="mt-3 text-slate-700 dark:text-slate-300">
        {user ? `${user.displayName || user.username}, an` : 'An'} administrator has suspended your
        MLSpace account. You cannot use projects, data or compute until it is reactivated; then sign
        in again. Ask your MLSpace administrator for help.
      </p>
      {/* The header offers sign-out only with an account to show; a shared browser needs it too. */}
      {user ? null : (
        <div className="mt-6 flex justify-center">
          <SignOutButton />
        </div>
      )}
    </div>
  );
}
