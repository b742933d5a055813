import { diffConfig, type ConfigChange } from './config-diff';

/** An audit event as the API returns it (`audit.list`); `before`/`after` are the API's summaries. */
export interface AuditEvent {
  actor: string;
  action: string;
  targetType: string;
  targetId: string;
  before?: unknown;
  after?: unknown;
}

export interface AuditReading {
  /** "alice added bob to project demo as Member". */
  sentence: string;
  /** What changed, field by field, in words (empty when the sentence says it all). */
  changes: ConfigChange[];
}

const kindWords: Record<string, string> = {
  notebook: 'notebook',
  training: 'training job',
  tuning: 'tuning job',
  transform: 'transform job',
  model: 'model',
  endpointConfig: 'endpoint configuration',
  endpoint: 'endpoint',
  emrCluster: 'cluster',
  project: 'project',
  group: 'group',
  user: 'user',
  dataset: 'dataset',
  report: 'report',
  config: 'configuration',
};

/** Field paths of the API's summaries, in the words the pages that change them use. */
const fieldWords: Record<string, string> = {
  'notebook.dailyStop': 'notebook stop time',
  'notebook.dailyStop.time': 'notebook stop time',
  'notebook.dailyStop.timeZone': 'notebook stop time zone',
  'notebook.ownerMayOverride': 'notebook owners may change their stop time',
  'endpoint.ttlHours': 'endpoint lifetime in hours',
  'endpoint.ownerMayOverride': 'endpoint owners may change their lifetime',
  'emrCluster.ttlHours': 'cluster lifetime in hours',
  'emrCluster.ownerMayOverride': 'cluster owners may change their lifetime',
  isAdmin: 'administrator',
  instanceType: 'instance type',
  stopAt: 'stops at',
  terminateAt: 'ends at',
  dailyStop: 'daily stop time',
  'dailyStop.time': 'daily stop time',
  'dailyStop.timeZone': 'daily stop time zone',
  rowCount: 'resources',
  usernames: 'users',
  'changes.sections': 'sections changed',
};

/** `ownerMayOverride` -> "owner may override": the words of any field nobody named above. */
function fieldLabel(path: string): string {
  const known = fieldWords[path];
  if (known) return known;
  return path
    .split('.')
    .filter((segment) => !/^\d+$/.test(segment))
    .map((segment) => segment.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase())
    .join(' ');
}

function valueWords(value: string): string {
  if (value === 'null' || value === '(absent)') return 'none';
  if (value === 'true') return 'yes';
  if (value === 'false') return 'no';
  return value;
}

function roleWord(role: unknown): string {
  return role === 'owner' ? 'Owner' : role === 'member' ? 'Member' : text(role) || 'a role';
}

function field(summary: unknown, name: string): unknown {
  return typeof summary === 'object' && summary !== null
    ? (summary as Record<string, unknown>)[name]
    : undefined;
}

function text(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/** "bob", "bob and carol", "bob, carol and dan". */
function listWords(values: unknown): string {
  const items = Array.isArray(values) ? values.map(String) : [];
  if (items.length <= 1) return items[0] ?? 'nobody';
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** A dataset's target is `scope/scopeId/name`; people know it by name and where it lives. */
function datasetWords(targetId: string): string {
  const [scope, scopeId, ...rest] = targetId.split('/');
  const name = rest.join('/') || targetId;
  if (scope === 'global') return `global dataset ${name}`;
  if (scope === 'private') return `${scopeId}'s private dataset ${name}`;
  if (scope === 'project') return `dataset ${name} of project ${scopeId}`;
  if (scope === 'group') return `dataset ${name} of group ${scopeId}`;
  return `dataset ${targetId}`;
}

function targetWords(event: AuditEvent): string {
  if (event.targetType === 'dataset') return datasetWords(event.targetId);
  if (event.targetType === 'config') return 'the configuration';
  return `${kindWords[event.targetType] ?? fieldLabel(event.targetType)} ${event.targetId}`;
}

/** The changes between the summaries, in words; a creation lists what it set, a deletion what it had. */
export function auditChanges(event: AuditEvent): ConfigChange[] {
  return (
    diffConfig(event.before ?? {}, event.after ?? {})
      .map((change) => ({
        path: fieldLabel(change.path),
        before: valueWords(change.before),
        after: valueWords(change.after),
      }))
      // "absent" and "null" both read "none": a row that says none -> none says nothing.
      .filter((change) => change.before !== change.after)
  );
}

/** Which cost controls changed, named as the project's settings page names them. */
function costControlWords(event: AuditEvent): string {
  const paths = diffConfig(event.before ?? {}, event.after ?? {}).map((change) => change.path);
  const names = [
    paths.some((path) => path.startsWith('notebook.dailyStop')) && 'the notebook stop time',
    paths.some((path) => path.startsWith('endpoint.ttlHours')) && 'the endpoint lifetime',
    paths.some((path) => path.startsWith('emrCluster.ttlHours')) && 'the cluster lifetime',
    paths.some((path) => path.endsWith('ownerMayOverride')) && 'whether owners may change them',
  ].filter((name): name is string => typeof name === 'string');
  return names.length > 0 ? listWords(names) : 'the cost controls';
}

function projectSentence(event: AuditEvent, verb: string): string | null {
  const { actor, before, after } = event;
  const project = `project ${event.targetId}`;
  switch (verb) {
    case 'created':
      return `${actor} created ${project}`;
    case 'updated':
      return `${actor} changed the description of ${project}`;
    case 'suspended':
      return `${actor} suspended ${project}`;
    case 'reinstated':
      return `${actor} reinstated ${project}`;
    case 'deletion_requested':
      return `${actor} asked to delete ${project}`;
    case 'deleted':
      return `${actor} finished deleting ${project}`;
    case 'members_added':
      return `${actor} added ${listWords(field(after, 'usernames'))} to ${project} as ${roleWord(field(after, 'role'))}`;
    case 'member_removed':
      return `${actor} removed ${text(field(before, 'username'))} from ${project}`;
    case 'member_left':
      return `${actor} left ${project}`;
    case 'member_role_changed':
      return `${actor} made ${text(field(after, 'user'))} ${roleWord(field(after, 'role'))} of ${project} (was ${roleWord(field(before, 'role'))})`;
    case 'group_linked':
      return `${actor} linked group ${text(field(after, 'group'))} to ${project} as ${roleWord(field(after, 'role'))}`;
    case 'group_unlinked':
      return `${actor} unlinked group ${text(field(before, 'group'))} from ${project}`;
    case 'group_role_changed':
      return `${actor} made group ${text(field(after, 'group'))} ${roleWord(field(after, 'role'))} of ${project} (was ${roleWord(field(before, 'role'))})`;
    case 'cost_controls_changed':
      return `${actor} changed ${costControlWords(event)} of ${project}`;
    default:
      return null;
  }
}

function userSentence(event: AuditEvent, verb: string): string | null {
  const { actor, targetId: user } = event;
  switch (verb) {
    case 'created':
      return `${user} signed in for the first time`;
    case 'suspended':
      return `${actor} suspended ${user}`;
    case 'reinstated':
      return `${actor} reactivated ${user}`;
    case 'admin_granted':
      return `${actor} made ${user} an administrator`;
    case 'admin_revoked':
      return `${actor} revoked administrator rights from ${user}`;
    case 'deleted':
      return `${actor} deleted user ${user}`;
    case 'preferences_updated':
      return actor === user
        ? `${user} changed their preferences`
        : `${actor} changed the preferences of ${user}`;
    case 'signed_out_everywhere':
      return actor === user
        ? `${user} signed out everywhere`
        : `${actor} signed ${user} out everywhere`;
    default:
      return null;
  }
}

function groupSentence(event: AuditEvent, verb: string): string | null {
  const { actor, before, after } = event;
  const group = `group ${event.targetId}`;
  switch (verb) {
    case 'created':
      return `${actor} created ${group}`;
    case 'updated':
      return `${actor} changed the description of ${group}`;
    case 'deleted':
      return `${actor} deleted ${group}`;
    case 'members_added':
      return `${actor} added ${listWords(field(after, 'usernames'))} to ${group}`;
    case 'member_removed':
      return `${actor} removed ${text(field(before, 'username'))} from ${group}`;
    default:
      return null;
  }
}

function configSentence(event: AuditEvent, verb: string): string | null {
  const { actor, after } = event;
  const version = text(field(after, 'version'));
  const reason = text(field(after, 'reason'));
  const because = reason ? `: “${reason}”` : '';
  switch (verb) {
    case 'initialised':
      return `${actor} set up the first configuration`;
    case 'updated':
      return `${actor} saved configuration version ${version}${because}`;
    case 'rolled_back':
      return `${actor} rolled the configuration back, saved as version ${version}${because}`;
    case 'imported':
      return `${actor} imported a configuration, saved as version ${version}${because}`;
    default:
      return null;
  }
}

const verbWords: Record<string, string> = {
  created: 'created',
  deleted: 'deleted',
  updated: 'changed',
  started: 'started',
  stopped: 'stopped',
  delete_requested: 'asked to delete',
  schedule_changed: 'changed the schedule of',
};

function resourceSentence(event: AuditEvent, verb: string): string | null {
  const { actor, after, before } = event;
  const what = targetWords(event);
  if (verb === 'created') {
    const project = text(field(after, 'project'));
    return `${actor} created ${what}${project ? ` in project ${project}` : ''}`;
  }
  if (verb === 'deleted' && event.targetType !== 'dataset') {
    const project = text(field(before, 'project'));
    return `${actor} deleted ${what}${project ? ` of project ${project}` : ''}`;
  }
  const words = verbWords[verb];
  return words ? `${actor} ${words} ${what}` : null;
}

/**
 * An audit event as a sentence a person reads ("alice added bob to project demo as Member") and
 * its before/after changes in words. An action this page does not know yet still reads as a
 * sentence built from its name, never as JSON.
 */
export function readAuditEvent(event: AuditEvent): AuditReading {
  const changes = auditChanges(event);
  const verb = event.action.slice(event.action.indexOf('.') + 1);
  const sentence =
    (event.targetType === 'project' && projectSentence(event, verb)) ||
    (event.targetType === 'user' && userSentence(event, verb)) ||
    (event.targetType === 'group' && groupSentence(event, verb)) ||
    (event.targetType === 'config' && configSentence(event, verb)) ||
    resourceSentence(event, verb) ||
    `${event.actor} ${fieldLabel(verb.replace(/_/g, ' '))} ${targetWords(event)}`;
  return { sentence, changes: shownChanges(verb, changes) };
}

/**
 * The diff shown under the sentence: left out where the sentence already says everything (who was
 * added, which group was linked), so the diff holds what a reader cannot see in the words.
 */
function shownChanges(verb: string, changes: ConfigChange[]): ConfigChange[] {
  const saidInTheSentence = [
    'members_added',
    'member_removed',
    'member_left',
    'group_linked',
    'group_unlinked',
    'signed_out_everywhere',
  ];
  return saidInTheSentence.includes(verb) ? [] : changes;
}
