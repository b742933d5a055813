import { Badge } from '../ui';

type ProjectRole = 'owner' | 'member';

export const roleSelectClass =
  'rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-950';

/** A member's or linked group's role: a select for those who may change it, a badge otherwise. */
export function RoleCell({
  role,
  label,
  editable,
  disabled,
  onChange,
}: {
  role: ProjectRole;
  /** The select's accessible name, e.g. "Role of bob". */
  label: string;
  editable: boolean;
  disabled?: boolean;
  onChange: (role: ProjectRole) => void;
}) {
  if (!editable)
    return (
      <Badge tone={role === 'owner' ? 'blue' : 'slate'}>
        {role === 'owner' ? 'Owner' : 'Member'}
      </Badge>
    );
  return (
    <select
      aria-label={label}
      className={roleSelectClass}
      value={role}
      disabled={disabled}
      onChange={(event) => onChange(event.target.value as ProjectRole)}
    >
      <option value="member">Member</option>
      <option value="owner">Owner</option>
    </select>
  );
}
