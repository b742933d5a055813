import { Field, inputClass } from '../form/fields';
import type { BoundForm } from '../form/use-schema-form';

/** One terminology or none; the input's `terminologyNames` is a list of at most one. */
export function TerminologyField({ form, names }: { form: BoundForm; names: readonly string[] }) {
  const value = ((form.get('terminologyNames') as string[] | undefined) ?? [])[0] ?? '';
  return (
    <Field form={form} name="terminologyNames" help="Its terms are always translated as it says.">
      {(control) => (
        <select
          {...control}
          value={value}
          onChange={(event) =>
            form.set('terminologyNames', event.target.value ? [event.target.value] : [])
          }
          className={inputClass}
        >
          <option value="">None</option>
          {names.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
