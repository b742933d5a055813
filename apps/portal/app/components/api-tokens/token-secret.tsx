import { useState } from 'react';

import { Button } from '../ui';

/** The new token, shown this once: MLSpace keeps only its hash. */
export function TokenSecret({ name, secret }: { name: string; secret: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <section
      aria-labelledby="new-token-heading"
      className="space-y-3 rounded-lg border border-emerald-300 bg-emerald-50 p-4 dark:border-emerald-800 dark:bg-emerald-950/40"
    >
      <h3 id="new-token-heading" className="text-sm font-semibold">
        Your new token “{name}”
      </h3>
      <p className="text-sm">
        Copy it now: it will not be shown again. Send it as{' '}
        <code className="font-mono">Authorization: Bearer &lt;token&gt;</code>, or sign in the CLI
        with <code className="font-mono">mlspace login --token</code>.
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <code
          data-testid="new-token"
          className="min-w-0 flex-1 break-all rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm dark:border-slate-600 dark:bg-slate-950"
        >
          {secret}
        </code>
        <Button
          onClick={() => {
            void navigator.clipboard.writeText(secret).then(() => setCopied(true));
          }}
        >
          {copied ? 'Copied' : 'Copy token'}
        </Button>
      </div>
      <p role="status" className="sr-only">
        {copied ? 'The token is on the clipboard.' : ''}
      </p>
    </section>
  );
}
