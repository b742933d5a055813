import { Link } from 'react-router';

import type { Route } from './+types/index';
import { guidePages } from '../../components/guide/guide-pages';
import { PageHeader } from '../../components/ui';

export const meta: Route.MetaFunction = () => [{ title: 'User guide · MLSpace' }];

export default function GuideIndex() {
  return (
    <div className="max-w-3xl">
      <PageHeader
        title="User guide"
        description="How to work in MLSpace, one area at a time. Pictures show the portal as it is built."
      />
      <ul className="grid gap-3 sm:grid-cols-2">
        {guidePages.map((page) => (
          <li key={page.slug}>
            <Link
              to={`/docs/${page.slug}`}
              className="block h-full rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-brand-500 dark:border-slate-800 dark:bg-slate-900"
            >
              <span className="font-medium text-brand-700 dark:text-brand-100">{page.title}</span>
              <span className="mt-1 block text-sm text-slate-600 dark:text-slate-400">
                {page.summary}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
