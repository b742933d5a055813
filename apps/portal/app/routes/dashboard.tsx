import type { Route } from './+types/dashboard';
import { useRootData } from '../root';

export const meta: Route.MetaFunction = () => [{ title: 'Dashboard · MLSpace' }];

export default function Dashboard() {
  const { user } = useRootData();
  return (
    <div>
      <h1 className="text-2xl font-semibold tracking-tight">Welcome, {user?.displayName || user?.username}</h1>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Your projects and recent work.</p>
      <section aria-labelledby="my-projects" className="mt-8">
        <h2 id="my-projects" className="text-lg font-medium">
          My projects
        </h2>
        <div className="mt-4 rounded-lg border border-dashed border-slate-300 p-8 text-center text-sm text-slate-500 dark:border-slate-700">
          You are not a member of any project yet.
        </div>
      </section>
    </div>
  );
}
