import { Fragment } from 'react';
import { Link } from 'react-router';

import { computeKindWords, resourcePath } from '../ml/kinds';
import { trpc } from '../../utils/trpc';
import { runningQueryInput } from '../project/running';

/**
 * Which running resources of a kind are under an automatic stop now, and which run without one:
 * new settings reach resources created from now on, so the owner sees what they do not reach.
 */
export function AppliesNow({ project, kind }: { project: string; kind: 'notebook' | 'endpoint' }) {
  const running = trpc.resources.running.useQuery(runningQueryInput(project));
  if (!running.data) return null;
  const words = computeKindWords[kind];
  const ofKind = running.data.items.filter((item) => item.kind === kind);
  const scheduled = ofKind.filter((item) => (kind === 'notebook' ? item.stopAt : item.terminateAt));
  const unscheduled = ofKind.filter((item) => !scheduled.includes(item));
  const names = (items: typeof ofKind) =>
    items.map((item, index) => (
      <Fragment key={item.name}>
        {index > 0 ? ', ' : ''}
        <Link
          to={resourcePath(project, kind, item.name)}
          className="text-brand-700 underline hover:no-underline dark:text-brand-100"
        >
          {item.name}
        </Link>
      </Fragment>
    ));
  return (
    <div data-testid={`applies-now-${kind}`} className="text-sm text-slate-700 dark:text-slate-300">
      {ofKind.length === 0 ? (
        <p>No running {words.plural}.</p>
      ) : (
        <>
          <p>
            {scheduled.length === 0
              ? `Applies now to no running ${words.plural}.`
              : `Applies now to ${scheduled.length} running ${scheduled.length === 1 ? words.singular : words.plural}: `}
            {names(scheduled)}
          </p>
          {unscheduled.length > 0 ? (
            <p className="mt-1 text-slate-600 dark:text-slate-400">
              Running without an automatic {kind === 'notebook' ? 'stop' : 'deletion'} (created
              before these controls, or changed by their creator): {names(unscheduled)}. Changes
              here reach {words.plural} created from now on.
            </p>
          ) : null}
        </>
      )}
    </div>
  );
}
