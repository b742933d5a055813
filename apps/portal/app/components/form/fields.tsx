import type { ReactNode } from 'react';

import type { BoundForm } from './use-schema-form';

export const inputClass =
  'block w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-900 aria-[invalid=true]:border-red-600 dark:border-slate-600 dark:bg-slate-950 dark:text-slate-100 dark:aria-[invalid=true]:border-red-400';

/** The props that tie a control to its label, help and problem. */
export interface ControlProps {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
  onBlur: () => void;
}

/**
 * One field: the label (the field's name only), the control, then its help, or its problem in
 * plain words once there is one. The control gets `aria-invalid` and `aria-describedby`.
 */
export function Field({
  form,
  name,
  help,
  nested = false,
  children,
}: {
  form: BoundForm;
  /** The input path the field edits (`name`, `inputs.0.s3Uri`). */
  name: string;
  help?: ReactNode;
  /** Show problems about anything under `name` too (a record, a list). */
  nested?: boolean;
  children: (control: ControlProps) => ReactNode;
}) {
  const id = form.idFor(name);
  const problem = form.problemFor(name, nested);
  return (
    <div className="min-w-0">
      <label htmlFor={id} className="mb-1 block text-sm font-medium">
        {form.labelOf(name)}
      </label>
      {children({
        id,
        'aria-invalid': Boolean(problem),
        'aria-describedby': problem || help ? `${id}-help` : undefined,
        onBlur: () => form.leave(name),
      })}
      <FieldNote id={`${id}-help`} problem={problem} help={help} />
    </div>
  );
}

/** The line under a control: its problem when there is one, else its help. */
export function FieldNote({
  id,
  problem,
  help,
}: {
  id: string;
  problem: string | null;
  help?: ReactNode;
}) {
  if (!problem && !help) return null;
  return (
    <p
      id={id}
      data-testid={problem ? id.replace(/-help$/, '-problem') : undefined}
      className={`mt-1 text-xs ${problem ? 'text-red-700 dark:text-red-300' : 'text-slate-600 dark:text-slate-400'}`}
    >
      {problem ?? help}
    </p>
  );
}

export function TextField({
  form,
  name,
  help,
  multiline,
  rows = 3,
  mono,
  placeholder,
  nested,
  type = 'text',
}: {
  form: BoundForm;
  name: string;
  help?: ReactNode;
  /** `time` for a time of day (HH:MM). */
  type?: 'text' | 'time';
  multiline?: boolean;
  rows?: number;
  mono?: boolean;
  placeholder?: string;
  nested?: boolean;
}) {
  const value = (form.get(name) as string | undefined) ?? '';
  const className = `${inputClass} ${mono ? 'font-mono' : ''}`;
  return (
    <Field form={form} name={name} help={help} nested={nested}>
      {(control) =>
        multiline ? (
          <textarea
            {...control}
            rows={rows}
            value={value}
            placeholder={placeholder}
            onChange={(event) => form.set(name, event.target.value)}
            className={className}
          />
        ) : (
          <input
            {...control}
            type={type}
            value={value}
            placeholder={placeholder}
            autoComplete="off"
            onChange={(event) => form.set(name, event.target.value)}
            className={className}
          />
        )
      }
    </Field>
  );
}

/** A number input; an empty box is NaN, which the schema reports as required. */
export function NumberField({
  form,
  name,
  help,
  min,
  max,
}: {
  form: BoundForm;
  name: string;
  help?: ReactNode;
  min?: number;
  max?: number;
}) {
  const value = form.get(name) as number | undefined;
  return (
    <Field form={form} name={name} help={help}>
      {(control) => (
        <input
          {...control}
          type="number"
          inputMode="numeric"
          min={min}
          max={max}
          value={value === undefined || Number.isNaN(value) ? '' : value}
          onChange={(event) =>
            form.set(name, event.target.value === '' ? Number.NaN : Number(event.target.value))
          }
          className={inputClass}
        />
      )}
    </Field>
  );
}

export interface Choice {
  value: string;
  label?: string;
  disabled?: boolean;
}

export function SelectField({
  form,
  name,
  choices,
  placeholder,
  help,
}: {
  form: BoundForm;
  name: string;
  choices: readonly (Choice | string)[];
  /** The empty first option ("Pick a model…"); without it the first choice is preselected. */
  placeholder?: string;
  help?: ReactNode;
}) {
  const value = (form.get(name) as string | undefined) ?? '';
  return (
    <Field form={form} name={name} help={help}>
      {(control) => (
        <select
          {...control}
          value={value}
          onChange={(event) => form.set(name, event.target.value)}
          className={inputClass}
        >
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          {choices.map((choice) => {
            const {
              value: option,
              label,
              disabled,
            } = typeof choice === 'string'
              ? { value: choice, label: choice, disabled: false }
              : choice;
            return (
              <option key={option} value={option} disabled={disabled}>
                {label ?? option}
              </option>
            );
          })}
        </select>
      )}
    </Field>
  );
}

/** Radio buttons for a few exclusive choices, under a legend that names the field. */
export function RadioField({
  form,
  name,
  choices,
}: {
  form: BoundForm;
  name: string;
  choices: readonly Required<Pick<Choice, 'value' | 'label'>>[];
}) {
  const value = form.get(name) as string;
  return (
    <fieldset>
      <legend className="mb-1 block text-sm font-medium">{form.labelOf(name)}</legend>
      <div className="flex flex-wrap gap-x-6 gap-y-2 text-sm">
        {choices.map((choice) => (
          <label key={choice.value} className="flex items-center gap-2">
            <input
              type="radio"
              name={form.idFor(name)}
              checked={value === choice.value}
              onChange={() => form.set(name, choice.value)}
            />
            {choice.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** Fields side by side on wide screens, one under the other on narrow ones. */
export function FieldRow({ columns = 2, children }: { columns?: 2 | 3; children: ReactNode }) {
  return (
    <div className={`grid gap-4 ${columns === 3 ? 'sm:grid-cols-3' : 'sm:grid-cols-2'}`}>
      {children}
    </div>
  );
}

/** A titled group of fields (channels, ranges, metrics). */
export function FieldGroup({
  legend,
  help,
  children,
}: {
  legend: string;
  help?: ReactNode;
  children: ReactNode;
}) {
  return (
    <fieldset className="min-w-0 space-y-3 rounded-md border border-slate-200 p-4 dark:border-slate-700">
      <legend className="px-1 text-sm font-medium">{legend}</legend>
      {help ? <p className="text-xs text-slate-600 dark:text-slate-400">{help}</p> : null}
      {children}
    </fieldset>
  );
}

/** The small text buttons that add or remove a row of a list. */
export function RowButton({
  onClick,
  tone = 'add',
  children,
  label,
}: {
  onClick: () => void;
  tone?: 'add' | 'remove';
  children: ReactNode;
  label?: string;
}) {
  return (
    <button
      type="button"
      aria-label={label}
      onClick={onClick}
      className={`text-sm hover:underline ${tone === 'add' ? 'text-brand-700 dark:text-brand-100' : 'text-red-700 dark:text-red-300'}`}
    >
      {children}
    </button>
  );
}
