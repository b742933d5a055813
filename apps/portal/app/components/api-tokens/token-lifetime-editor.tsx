import { inputClass } from '../form/fields';

/** The admin's bound on personal API tokens' lifetime (the API refuses longer ones by name). */
export function TokenLifetimeEditor({
  value,
  onChange,
}: {
  value: number;
  onChange: (maxLifetimeDays: number) => void;
}) {
  const outOfRange = !Number.isInteger(value) || value < 1 || value > 730;
  return (
    <div className="max-w-xs">
      <label htmlFor="config-token-lifetime" className="mb-1 block text-sm font-medium">
        Longest token lifetime (days)
      </label>
      <input
        id="config-token-lifetime"
        type="number"
        inputMode="numeric"
        min={1}
        max={730}
        value={Number.isNaN(value) ? '' : value}
        aria-invalid={outOfRange}
        aria-describedby="config-token-lifetime-help"
        onChange={(event) =>
          onChange(event.target.value === '' ? Number.NaN : Number(event.target.value))
        }
        className={inputClass}
      />
      <p
        id="config-token-lifetime-help"
        className={`mt-1 text-xs ${outOfRange ? 'text-red-700 dark:text-red-300' : 'text-slate-600 dark:text-slate-400'}`}
      >
        {outOfRange
          ? 'Longest token lifetime must be a whole number of days from 1 to 730.'
          : 'Tokens already created keep their expiry; new ones may live at most this long.'}
      </p>
    </div>
  );
}
