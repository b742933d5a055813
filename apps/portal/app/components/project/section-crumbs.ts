import type { Params } from 'react-router';

import { crumb, type Crumb, type CrumbHandle } from '../breadcrumbs';
import { kindBySegment, mlPath } from '../ml/kinds';
import { projectPath } from '../project-sections';

type PageLabel = (params: Params) => string;

function sectionThenPage(section: Crumb, page: PageLabel | undefined, params: Params): Crumb[] {
  return page ? [section, { label: page(params) }] : [section];
}

/**
 * The crumbs of a page in a project section: the section's list, then the page when it is a
 * create form or a detail page (the list is its sibling route, not its parent).
 */
export function sectionCrumbs(label: string, path: string, page?: PageLabel): CrumbHandle {
  return crumb(({ params }) =>
    sectionThenPage({ label, to: projectPath(params.project ?? '', path) }, page, params),
  );
}

/** The same for an ML kind's pages, whose kind is the path segment after the project. */
export function mlSectionCrumbs(page?: PageLabel): CrumbHandle {
  return crumb(({ params, pathname }) => {
    const kind = kindBySegment(pathname.split('/')[3] ?? '');
    return sectionThenPage(
      { label: kind.title, to: mlPath(params.project ?? '', kind) },
      page,
      params,
    );
  });
}
