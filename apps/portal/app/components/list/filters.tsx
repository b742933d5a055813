import { useEffect, useRef, useState } from 'react';

import type { ListControls } from './use-list';

const fieldClass =
  'rounded-md border border-slate-300 bg-white py-1.5 text-sm dark:border-slate-700 dark:bg-slate-950';
const labelClass = 'flex flex-col gap-1 text-xs font-medium text-slate-600 dark:text-slate-400';

/** How long typing pauses before the URL (and the query) follows the text. */
const typingPauseMs = 300;

/**
 * A text filter held in the URL. The input answers every key at once; the URL follows after a
 * pause, replacing its entry rather than pushing one per letter. Back or a link that changes the
 * URL's value shows in the input.
 */
export function TextFilter<F extends string>({
  list,
  name,
  label,
  placeholder,
  type = 'search',
  disabled,
}: {
  list: ListControls<F>;
  name: F;
  label: string;
  placeholder?: string;
  type?: 'search' | 'datetime-local';
  disabled?: boolean;
}) {
  const value = list.state.filters[name];
  const [draft, setDraft] = useState(value);
  const [shownValue, setShownValue] = useState(value);
  // Values this input sent to the URL that may still be arriving: a navigation for "ke" landing
  // while the person has typed "kee" must not take the letter back.
  const [sent, setSent] = useState<string[]>([]);
  if (value !== shownValue) {
    setShownValue(value);
    if (value === draft.trim()) setSent([]);
    else if (!sent.includes(value)) {
      // The URL moved by itself (Back, a link, "Clear the filters"): show where it is now.
      setDraft(value);
      setSent([]);
    }
  }
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  const change = (next: string) => {
    setDraft(next);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (next.trim() === value) return;
      setSent((earlier) => [...earlier, next.trim()]);
      list.setFilter(name, next.trim(), { typing: true });
    }, typingPauseMs);
  };
  return (
    <label className={labelClass}>
      {label}
      <input
        type={type}
        name={name}
        placeholder={placeholder}
        value={draft}
        disabled={disabled}
        onChange={(event) => change(event.target.value)}
        className={`${type === 'search' ? 'w-64 max-w-full' : ''} px-3 ${fieldClass}`}
      />
    </label>
  );
}

/** A choice filter held in the URL; each choice is a view of its own (Back returns to the last). */
export function ChoiceFilter<F extends string>({
  list,
  name,
  label,
  options,
}: {
  list: ListControls<F>;
  name: F;
  label: string;
  options: Array<{ value: string; label: string }>;
}) {
  return (
    <label className={labelClass}>
      {label}
      <select
        name={name}
        value={list.state.filters[name]}
        onChange={(event) => list.setFilter(name, event.target.value)}
        className={`px-2 ${fieldClass}`}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}
