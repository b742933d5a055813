import { useId } from 'react';
import { NavLink, useLocation } from 'react-router';

import { useActiveServices } from '../../utils/active-services';
import {
  projectPath,
  projectSectionHref,
  projectSections,
  sectionServiceActive,
} from '../project-sections';
import { useDisclosure } from '../use-disclosure';
import { activeSectionKey, placeTabs, type Breakpoint } from './tab-placement';

// Whole class names, so Tailwind finds them in this file.
const inBarFrom: Record<Breakpoint, string> = {
  base: 'block',
  sm: 'hidden sm:block',
  md: 'hidden md:block',
  lg: 'hidden lg:block',
  xl: 'hidden xl:block',
  never: 'hidden',
};
const onlyBelow: Record<Breakpoint, string> = {
  base: 'hidden',
  sm: 'block sm:hidden',
  md: 'block md:hidden',
  lg: 'block lg:hidden',
  xl: 'block xl:hidden',
  never: 'block',
};

const groupDivider =
  'relative ml-2 before:absolute before:-left-1.5 before:top-1/2 before:h-4 before:w-px before:-translate-y-1/2 before:bg-slate-300 dark:before:bg-slate-700';

function tabClass(isActive: boolean): string {
  return `-mb-px shrink-0 border-b-2 px-3 py-2 text-sm font-medium ${
    isActive
      ? 'border-brand-600 text-brand-700 dark:text-white'
      : 'border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white'
  }`;
}

/**
 * A project's sections as one row of tabs at every width: the leading tabs that fit, the current
 * section always among them, and the rest behind a "More" button (a disclosure of links, grouped).
 * A deactivated service's section is left out, and Settings unless the caller may manage.
 */
export function SectionTabBar({ project, canManage }: { project: string; canManage: boolean }) {
  const services = useActiveServices();
  const sections = projectSections.filter(
    (section) => (!section.ownersOnly || canManage) && sectionServiceActive(section, services),
  );
  const { pathname } = useLocation();
  const placement = placeTabs(sections, activeSectionKey(sections, projectPath(project), pathname));
  const menu = useDisclosure();
  const headingId = useId();
  return (
    <nav
      aria-label="Project sections"
      className="mb-6 flex flex-wrap items-center gap-1 border-b border-slate-200 dark:border-slate-800"
    >
      {placement.tabs.map(({ section, shownFrom, startsGroup }) => (
        <NavLink
          key={section.key}
          to={projectSectionHref(project, section)}
          end={section.path === ''}
          className={({ isActive }) =>
            `${inBarFrom[shownFrom]} ${startsGroup ? groupDivider : ''} ${tabClass(isActive)}`
          }
        >
          {section.label}
        </NavLink>
      ))}
      {placement.promoted ? (
        <NavLink
          to={projectSectionHref(project, placement.promoted.section)}
          end={placement.promoted.section.path === ''}
          className={`${onlyBelow[placement.promoted.shownFrom]} ${groupDivider} ${tabClass(true)}`}
        >
          {placement.promoted.section.label}
        </NavLink>
      ) : null}
      {placement.moreBelow === 'base' ? null : (
        <div
          ref={menu.containerRef}
          className={`${onlyBelow[placement.moreBelow]} relative ml-auto`}
        >
          <button
            {...menu.triggerProps}
            className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-white"
          >
            More<span className="sr-only"> sections</span> <span aria-hidden="true">▾</span>
          </button>
          <div
            {...menu.panelProps}
            className="absolute right-0 z-20 mt-1 w-56 rounded-md border border-slate-200 bg-white py-1 shadow-lg dark:border-slate-700 dark:bg-slate-900"
          >
            {placement.menu.map(({ group, shownBelow, items }) => (
              <div
                key={group ?? 'ungrouped'}
                role={group ? 'group' : undefined}
                aria-labelledby={group ? `${headingId}-${group}` : undefined}
                className={onlyBelow[shownBelow]}
              >
                {group ? (
                  <p
                    id={`${headingId}-${group}`}
                    className="px-3 pb-1 pt-2 text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400"
                  >
                    {group}
                  </p>
                ) : null}
                {items.map((item) => (
                  <NavLink
                    key={item.section.key}
                    to={projectSectionHref(project, item.section)}
                    end={item.section.path === ''}
                    className={`${onlyBelow[item.shownBelow]} px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-50 hover:text-slate-900 dark:text-slate-200 dark:hover:bg-slate-800 dark:hover:text-white`}
                  >
                    {item.section.label}
                  </NavLink>
                ))}
              </div>
            ))}
          </div>
        </div>
      )}
    </nav>
  );
}
