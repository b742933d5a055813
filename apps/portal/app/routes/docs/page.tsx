import { Link, data } from 'react-router';

import type { Route } from './+types/page';
import { crumb } from '../../components/breadcrumbs';
import { guidePage, guidePages } from '../../components/guide/guide-pages';
import { PageHeader } from '../../components/ui';

export function loader({ params }: Route.LoaderArgs) {
  const page = guidePage(params.page);
  if (!page) throw data(`There is no guide page called ${params.page}.`, { status: 404 });
  return { slug: page.slug };
}

export const meta: Route.MetaFunction = ({ params }) => [
  { title: `${guidePage(params.page)?.title ?? 'Guide'} · User guide · MLSpace` },
];

export const handle = crumb(({ params }) => ({
  label: guidePage(params.page ?? '')?.title ?? 'Page',
}));

export default function GuidePageView({ loaderData }: Route.ComponentProps) {
  const page = guidePage(loaderData.slug);
  if (!page) return null;
  const position = guidePages.indexOf(page);
  const following = guidePages[position + 1];
  return (
    <article className="max-w-3xl">
      <PageHeader title={page.title} description={page.summary} />
      {page.sections.map((section) => (
        <section key={section.heading} className="mb-8">
          <h2 className="mb-2 text-lg font-semibold">{section.heading}</h2>
          {section.paragraphs.map((paragraph) => (
            <p key={paragraph} className="mb-3 leading-relaxed text-slate-700 dark:text-slate-300">
              {paragraph}
            </p>
          ))}
          {section.steps ? (
            <ol className="mb-3 list-decimal space-y-1 pl-6 text-slate-700 dark:text-slate-300">
              {section.steps.map((step) => (
                <li key={step}>{step}</li>
              ))}
            </ol>
          ) : null}
          {section.screenshot ? (
            <figure className="mt-4">
              <img
                src={`/guide/${section.screenshot.file}`}
                alt={section.screenshot.alt}
                loading="lazy"
                width={1280}
                height={800}
                className="h-auto w-full rounded-lg border border-slate-200 shadow-sm dark:border-slate-800"
              />
              <figcaption className="mt-2 text-sm text-slate-600 dark:text-slate-400">
                {section.screenshot.alt}
              </figcaption>
            </figure>
          ) : null}
        </section>
      ))}
      <div className="flex flex-wrap items-center gap-4 border-t border-slate-200 pt-4 dark:border-slate-800">
        <Link
          to={page.next.to}
          className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700"
        >
          {page.next.label}
        </Link>
        {following ? (
          <Link
            to={`/docs/${following.slug}`}
            className="text-sm text-brand-700 hover:underline dark:text-brand-100"
          >
            Next in the guide: {following.title} →
          </Link>
        ) : null}
      </div>
    </article>
  );
}
