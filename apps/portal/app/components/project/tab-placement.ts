import type { ProjectSection } from '../project-sections';

/**
 * Tailwind's breakpoints, narrowest first, with the width of the shell's main column where each
 * begins (the viewport less 2 × 16 px padding, never more than max-w-7xl less padding). 'base' is
 * sized for a 360 px phone.
 */
const breakpoints = [
  { name: 'base', contentWidth: 328 },
  { name: 'sm', contentWidth: 608 },
  { name: 'md', contentWidth: 736 },
  { name: 'lg', contentWidth: 992 },
  { name: 'xl', contentWidth: 1248 },
] as const;

/** The breakpoint from which something shows ('never': at no width). */
export type Breakpoint = (typeof breakpoints)[number]['name'] | 'never';

const order: Breakpoint[] = [...breakpoints.map((breakpoint) => breakpoint.name), 'never'];

/**
 * Widths in px, on the generous side: text-sm medium averages 8.2 px a character over these labels
 * in DejaVu Sans (among the widest sans fallbacks; Segoe UI and SF are narrower), each tab has
 * 2 × 12 px padding, and the "More" button is 70 px wide. Over-estimating only moves a tab into the
 * menu a little early; under-estimating would wrap the bar onto a second row.
 */
const widthPerCharacter = 8;
const tabPadding = 24;
const gap = 4;
const groupDivider = 8;
const moreButton = 80;

function tabWidth(section: ProjectSection): number {
  return section.label.length * widthPerCharacter + tabPadding;
}

function startsGroup(sections: readonly ProjectSection[], index: number): boolean {
  return index > 0 && sections[index]?.group !== sections[index - 1]?.group;
}

export interface PlacedTab {
  section: ProjectSection;
  /** The breakpoint from which it stands in the bar at its own place; below that it is in "More". */
  shownFrom: Breakpoint;
  /** The first tab of a group, after a divider. */
  startsGroup: boolean;
}

export interface MenuGroup {
  group: ProjectSection['group'];
  /** The breakpoint below which the group has something in the menu (its heading shows). */
  shownBelow: Breakpoint;
  items: Array<{ section: ProjectSection; shownBelow: Breakpoint }>;
}

export interface TabBarPlacement {
  tabs: PlacedTab[];
  /**
   * The current section, when some widths put it in the menu: below `shownFrom` it stands in the
   * bar after the others instead, so the current section is always in sight.
   */
  promoted: PlacedTab | undefined;
  /** The breakpoint below which the "More" button shows ('base': never). */
  moreBelow: Breakpoint;
  /** What the "More" menu holds, each with the breakpoint below which it is there. */
  menu: MenuGroup[];
}

function latest(candidates: Breakpoint[]): Breakpoint {
  return candidates.reduce<Breakpoint>(
    (later, candidate) => (order.indexOf(candidate) > order.indexOf(later) ? candidate : later),
    'base',
  );
}

/** How many leading tabs fit in `width`, with the current one after them and "More" if needed. */
function fittingCount(
  sections: readonly ProjectSection[],
  activeIndex: number,
  width: number,
): number {
  for (let count = sections.length; count > 0; count -= 1) {
    const shown = sections.slice(0, count);
    let needed = shown.reduce(
      (sum, section, index) =>
        sum +
        tabWidth(section) +
        (index > 0 ? gap : 0) +
        (startsGroup(sections, index) ? groupDivider : 0),
      0,
    );
    // The current section, out of its place, after a divider.
    if (activeIndex >= count) needed += gap + groupDivider + tabWidth(sections[activeIndex]!);
    const leftOut = sections.some((_, index) => index >= count && index !== activeIndex);
    if (leftOut) needed += gap + moreButton;
    if (needed <= width) return count;
  }
  return 0;
}

/**
 * Which tabs stand in the bar at each width, and what the "More" menu holds: the leading tabs that
 * fit, the current one always in sight, the rest in the menu under their groups' headings. Decided
 * from the labels alone, so the server's HTML is already right at every width (CSS breakpoints, no
 * measuring after load, nothing jumps).
 */
export function placeTabs(
  sections: readonly ProjectSection[],
  activeKey: string | undefined,
): TabBarPlacement {
  const activeIndex = sections.findIndex((section) => section.key === activeKey);
  const shownFrom: Breakpoint[] = sections.map(() => 'never');
  for (const { name, contentWidth } of breakpoints) {
    const count = fittingCount(sections, activeIndex, contentWidth);
    for (let index = 0; index < count; index += 1) {
      if (shownFrom[index] === 'never') shownFrom[index] = name;
    }
  }
  const tabs = sections.map((section, index) => ({
    section,
    shownFrom: shownFrom[index]!,
    startsGroup: startsGroup(sections, index),
  }));
  const active = activeIndex >= 0 ? tabs[activeIndex] : undefined;
  const others = tabs.filter((tab) => tab !== active);

  const menu: MenuGroup[] = [];
  for (const tab of others) {
    const item = { section: tab.section, shownBelow: tab.shownFrom };
    const last = menu.at(-1);
    if (last && last.group === tab.section.group) {
      last.items.push(item);
      last.shownBelow = latest([last.shownBelow, item.shownBelow]);
    } else {
      menu.push({ group: tab.section.group, shownBelow: item.shownBelow, items: [item] });
    }
  }

  return {
    tabs,
    promoted: active && active.shownFrom !== 'base' ? active : undefined,
    moreBelow: latest(others.map((tab) => tab.shownFrom)),
    menu,
  };
}

/**
 * The section the path is in (a section's own pages count: /training/job-1 is Training), matched
 * the way the tab's link marks itself current.
 */
export function activeSectionKey(
  sections: readonly ProjectSection[],
  projectHref: string,
  pathname: string,
): string | undefined {
  const path = pathname.toLowerCase().replace(/\/+$/, '');
  const base = projectHref.toLowerCase();
  return sections.find((section) => {
    if (section.path === '') return path === base;
    const href = `${base}/${section.path.toLowerCase()}`;
    return path === href || path.startsWith(`${href}/`);
  })?.key;
}
