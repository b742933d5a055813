import { useEffect, useState, type InputHTMLAttributes } from 'react';

import { Field, inputClass } from './fields';
import type { BoundForm } from './use-schema-form';

/** Every IANA zone the browser knows, UTC first (older engines list only UTC). */
export function knownTimeZones(): string[] {
  const zones =
    typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return ['UTC', ...zones.filter((zone) => zone !== 'UTC')];
}

/** The zone the browser runs in: the default where the user has not chosen one. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/**
 * The browser's zone and zone list, known only after hydration: the server's (a Lambda in UTC,
 * Node's ICU) differ, and rendering them on the server would not match what the browser renders.
 */
export function useBrowserTimeZones(): { here: string | null; zones: string[] } {
  const [known, setKnown] = useState<{ here: string | null; zones: string[] }>({
    here: null,
    zones: ['UTC'],
  });
  useEffect(() => setKnown({ here: browserTimeZone(), zones: knownTimeZones() }), []);
  return known;
}

/**
 * A searchable time-zone box: typing filters the browser's zone list ("berl" offers
 * Europe/Berlin); core's timeZoneSchema decides what is accepted.
 */
export function TimeZoneInput({
  listId,
  ...props
}: InputHTMLAttributes<HTMLInputElement> & { listId: string }) {
  const { here, zones } = useBrowserTimeZones();
  return (
    <>
      <input
        list={listId}
        autoComplete="off"
        spellCheck={false}
        placeholder={here ?? undefined}
        className={inputClass}
        {...props}
      />
      <datalist id={listId}>
        {zones.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
    </>
  );
}

/** A time-zone field of a schema form. */
export function TimeZoneField({
  form,
  name,
  help,
}: {
  form: BoundForm;
  name: string;
  help?: string;
}) {
  return (
    <Field form={form} name={name} help={help ?? 'Type to search, e.g. Berlin or New_York.'}>
      {(control) => (
        <TimeZoneInput
          {...control}
          listId={`${control.id}-zones`}
          value={(form.get(name) as string | undefined) ?? ''}
          onChange={(event) => form.set(name, event.target.value)}
        />
      )}
    </Field>
  );
}
