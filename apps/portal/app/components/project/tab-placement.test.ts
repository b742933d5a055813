import { describe, expect, test } from 'vitest';

import { projectSections } from '../project-sections';
import { activeSectionKey, placeTabs } from './tab-placement';

const shownFrom = (placement: ReturnType<typeof placeTabs>) =>
  Object.fromEntries(placement.tabs.map((tab) => [tab.section.key, tab.shownFrom]));

describe('placeTabs', () => {
  test('the tabs that fit stand in the bar, the project ones in More even at 1280 px and wider', () => {
    const placement = placeTabs(projectSections, 'training');

    expect(shownFrom(placement)).toMatchObject({
      overview: 'base',
      training: 'sm',
      notebooks: 'sm',
      playground: 'xl',
      translate: 'never',
      members: 'never',
      settings: 'never',
    });
    expect(placement.moreBelow).toBe('never');
    expect(placement.menu.at(-1)).toMatchObject({ group: 'Project', shownBelow: 'never' });
  });

  test('a current section that some widths put in the menu stands after the other tabs there instead', () => {
    const placement = placeTabs(projectSections, 'settings');

    expect(placement.promoted?.section.key).toBe('settings');
    expect(placement.promoted?.shownFrom).toBe('never');
    // Settings takes the place of the last tab that fitted beside the others.
    expect(shownFrom(placement).playground).toBe('never');
    const menuKeys = placement.menu.flatMap((group) => group.items.map((item) => item.section.key));
    expect(menuKeys).not.toContain('settings');
    expect(menuKeys).toContain('playground');
  });

  test('a current section already in the bar at every width is not repeated', () => {
    const few = projectSections.filter((section) => ['overview', 'usage'].includes(section.key));

    const placement = placeTabs(few, 'overview');

    expect(placement.tabs.map((tab) => tab.shownFrom)).toEqual(['base', 'base']);
    expect(placement.promoted).toBeUndefined();
    expect(placement.moreBelow).toBe('base');
  });

  test('fewer sections (services deactivated) leave room for more tabs at the same width', () => {
    const withoutWork = projectSections.filter((section) => section.group !== 'Work');

    expect(shownFrom(placeTabs(withoutWork, 'overview')).settings).toBe('lg');
    expect(shownFrom(placeTabs(projectSections, 'overview')).settings).toBe('never');
  });

  test("a group's heading shows in the menu below the widest breakpoint any of its items needs", () => {
    const placement = placeTabs(projectSections, 'overview');
    const work = placement.menu.find((group) => group.group === 'Work')!;

    expect(work.shownBelow).toBe(work.items.at(-1)!.shownBelow);
    expect(work.items.map((item) => item.section.key)).toEqual([
      'notebooks',
      'training',
      'tuning',
      'transform',
      'clusters',
      'labeling',
    ]);
  });

  test('on a phone a long current section leaves room for nothing else but More', () => {
    const placement = placeTabs(projectSections, 'endpoint-configs');

    expect(placement.tabs.every((tab) => tab.shownFrom !== 'base')).toBe(true);
    expect(placement.promoted?.section.key).toBe('endpoint-configs');
    expect(placement.moreBelow).toBe('never');
  });
});

describe('activeSectionKey', () => {
  const href = '/projects/vision';

  test.each([
    ['/projects/vision', 'overview'],
    ['/projects/vision/', 'overview'],
    ['/projects/vision/training', 'training'],
    ['/projects/vision/training/job-1', 'training'],
    ['/projects/vision/endpoint-configs/new', 'endpoint-configs'],
    ['/projects/vision/translate/jobs/docs', 'translate'],
    ['/projects/Vision/Settings', 'settings'],
  ])('%s is in %s', (pathname, key) => {
    expect(activeSectionKey(projectSections, href, pathname)).toBe(key);
  });

  test('a path that only starts like a section is in none', () => {
    expect(activeSectionKey(projectSections, href, '/projects/vision/trainingx')).toBeUndefined();
    expect(activeSectionKey(projectSections, href, '/projects/vision2')).toBeUndefined();
  });
});
