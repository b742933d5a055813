import type { Route } from './+types/suspended';
import { useRootData } from '../root';

export const meta: Route.MetaFunction = () => [{ title: 'Account suspended · MLSpace' }];

export default function Suspended() {
  const { user } = useRootData();
  if (!user) return null;
  return (
    <div className="mx-auto mt-16 max-w-lg rounded-xl border border-amber-300 bg-amber-50 p-8 text-center dark:border-amber-800 dark:bg-amber-950">
      <h1 className="text-2xl font-semibold">Your account is suspended</h1>
      <p className="mt-3 text-slate-700 dark:text-slate-300">
        {user.displayName || user.username}, an administrator has suspended your MLSpace account.
        You cannot use projects, data or compute until it is reactivated. Ask your MLSpace
        administrator for help.
      </p>
    </div>
  );
}
