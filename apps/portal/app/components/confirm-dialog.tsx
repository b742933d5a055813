import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';

import { errorMessage } from '../utils/format';
import { Button, ErrorNote } from './ui';

/**
 * Asks before a destructive or privileged action, in the page rather than the browser's
 * confirm(): the text says what will happen, the confirm button names the action, Escape and
 * Cancel keep everything as it was, and focus goes back to the control that opened it.
 * A modal <dialog> makes the rest of the page inert, so focus cannot leave it.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  tone = 'danger',
  pending,
  error,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  /** Names the action and its object, e.g. "Delete project alpha". */
  confirmLabel: string;
  /** 'primary' for privileged but harmless actions (reinstate, reactivate). */
  tone?: 'danger' | 'primary';
  pending?: boolean;
  error?: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const titleId = useId();
  const descriptionId = useId();
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      opener.current =
        document.activeElement instanceof HTMLElement ? document.activeElement : null;
      element.showModal();
    }
    if (!open && element.open) {
      element.close();
      // The opener may be gone (its row was deleted); then focus stays where the browser puts it.
      if (opener.current?.isConnected) opener.current.focus();
    }
  }, [open]);
  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      aria-describedby={descriptionId}
      onCancel={(event) => {
        // Escape: React decides whether the dialog closes, so state and DOM never disagree.
        event.preventDefault();
        if (!pending) onCancel();
      }}
      className="m-auto w-[calc(100%-2rem)] max-w-md rounded-lg border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
    >
      <div className="space-y-3 p-5">
        <h2 id={titleId} className="text-lg font-semibold">
          {title}
        </h2>
        <div id={descriptionId} className="text-sm text-slate-600 dark:text-slate-300">
          {children}
        </div>
        <ErrorNote message={error} />
      </div>
      <div className="flex flex-col-reverse gap-2 border-t border-slate-200 px-5 py-3 sm:flex-row sm:justify-end dark:border-slate-700">
        <Button onClick={onCancel} disabled={pending}>
          Cancel
        </Button>
        <Button
          variant={tone === 'danger' ? 'dangerSolid' : 'primary'}
          disabled={pending}
          onClick={onConfirm}
        >
          {pending ? 'Working…' : confirmLabel}
        </Button>
      </div>
    </dialog>
  );
}

export interface Confirmation {
  title: string;
  /** What will happen, in plain words. */
  description: ReactNode;
  confirmLabel: string;
  tone?: 'danger' | 'primary';
  /** Runs on confirm; the dialog closes when it resolves and shows the error when it throws. */
  action: () => Promise<unknown>;
}

/**
 * The one way to ask before an action: `confirm.ask({...})` from a click handler, and
 * `{confirm.dialog}` once in the component's output.
 */
export function useConfirm(): { ask: (confirmation: Confirmation) => void; dialog: ReactNode } {
  const [current, setCurrent] = useState<Confirmation | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ask = useCallback((confirmation: Confirmation) => {
    setError(null);
    setPending(false);
    setCurrent(confirmation);
  }, []);
  const run = async () => {
    if (!current) return;
    setPending(true);
    setError(null);
    try {
      await current.action();
      setCurrent(null);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setPending(false);
    }
  };
  const dialog = (
    <ConfirmDialog
      open={current !== null}
      title={current?.title ?? ''}
      confirmLabel={current?.confirmLabel ?? ''}
      tone={current?.tone}
      pending={pending}
      error={error}
      onCancel={() => setCurrent(null)}
      onConfirm={() => void run()}
    >
      {current?.description}
    </ConfirmDialog>
  );
  return { ask, dialog };
}
