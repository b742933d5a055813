import { useEffect, useState } from 'react';
import { useParams } from 'react-router';

import { playgroundConverseInputSchema, type PlaygroundSource } from '@mlspace/core';

import type { Route } from './+types/playground';
import { Field, TextField, inputClass } from '../components/form/fields';
import { useSchemaForm } from '../components/form/use-schema-form';
import { PlaygroundSourceNotes } from '../components/playground/source-notes';
import {
  firstSource,
  sourceFromKey,
  sourceKey,
  sourceLabel,
} from '../components/playground/sources';
import { Transcript, type Turn } from '../components/playground/transcript';
import { ModelUsageTable } from '../components/playground/usage-table';
import { sectionCrumbs } from '../components/project/section-crumbs';
import { Button, ErrorNote, PageHeader } from '../components/ui';
import { errorMessage } from '../utils/format';
import { prefetchQueries } from '../utils/prefetch.server';
import { trpc } from '../utils/trpc';

export const loader = ({ context, params }: Route.LoaderArgs) =>
  prefetchQueries(context, (utils) => [
    utils.playground.options.prefetch({ project: params.project }),
    // Owners and admins only; for anyone else it fails and is left out.
    utils.playground.usage.prefetch({ project: params.project }),
  ]);

export const meta: Route.MetaFunction = ({ params }) => [
  { title: `Playground · ${params.project} · MLSpace` },
];

export const handle = sectionCrumbs('Playground', 'playground');

/**
 * Converse with an allowed foundation model (Bedrock, on AWS) or with a text model one of the
 * project's endpoints serves: the reply streams in, and the tokens it used are shown and counted.
 */
export default function Playground() {
  const { project = '' } = useParams();
  const utils = trpc.useUtils();
  const options = trpc.playground.options.useQuery({ project });
  const [turns, setTurns] = useState<Turn[]>([]);
  const [streaming, setStreaming] = useState<{ answeredBy: string; text: string } | null>(null);
  const form = useSchemaForm({
    schema: playgroundConverseInputSchema,
    initial: {
      project,
      source: firstSource(options.data),
      system: '',
      message: '',
    },
    labels: {
      source: 'Answered by',
      'source.modelId': 'Answered by',
      'source.endpoint': 'Answered by',
      system: 'System prompt',
      'messages.*.content': 'Message',
      messages: 'The conversation',
    },
    toInput: (values) => ({
      project: values.project,
      source: values.source,
      system: values.system.trim() ? values.system : undefined,
      messages: [
        ...turns.map(({ role, content }) => ({ role, content })),
        { role: 'user', content: values.message },
      ],
    }),
    idPrefix: 'playground-',
  });
  const data = options.data;
  const source = form.get('source') as PlaygroundSource | null;
  const messageField = `messages.${turns.length}.content`;
  const offered = firstSource(data);
  const offeredKey = sourceKey(offered);
  // A page reached before its options loaded starts with the first source once they have.
  useEffect(() => {
    if (!form.get('source') && offeredKey) form.set('source', sourceFromKey(offeredKey));
  }, [offeredKey, form]);

  async function converse(input: typeof form.input & object) {
    const answeredBy = sourceLabel(data, input.source);
    const asked = input.messages[input.messages.length - 1]!;
    setStreaming({ answeredBy, text: '' });
    let text = '';
    try {
      const events = await utils.client.playground.converse.mutate(input);
      for await (const event of events) {
        if (event.type === 'text') {
          text += event.text;
          setStreaming({ answeredBy, text });
        } else {
          setTurns((current) => [
            ...current,
            { role: 'user', content: asked.content },
            { role: 'assistant', content: text, answeredBy, usage: event.usage },
          ]);
          form.restart({ ...form.values, message: '' });
        }
      }
    } finally {
      setStreaming(null);
      void utils.playground.usage.invalidate({ project });
    }
  }

  return (
    <div>
      <PageHeader
        title="Playground"
        description="Converse with a foundation model your administrator allows, or with a text model this project serves on an endpoint."
        actions={
          <Button
            onClick={() => {
              setTurns([]);
              form.restart({ ...form.values, message: '' });
            }}
            disabled={turns.length === 0 || streaming !== null}
          >
            New conversation
          </Button>
        }
      />
      <ErrorNote message={errorMessage(options.error)} />
      {data ? <PlaygroundSourceNotes options={data} /> : null}
      {data && !data.permissions.converse ? (
        <p className="mb-4 text-sm text-slate-700 dark:text-slate-300">
          Only members of this project converse here; you can read what is offered and the usage.
        </p>
      ) : null}
      <form
        noValidate
        className="grid gap-6 lg:grid-cols-[minmax(0,20rem)_minmax(0,1fr)]"
        onSubmit={form.submit(converse)}
      >
        <div className="space-y-4">
          <Field form={form} name="source" nested>
            {(control) => (
              <select
                {...control}
                value={sourceKey(source)}
                onChange={(event) => form.set('source', sourceFromKey(event.target.value))}
                className={inputClass}
              >
                <option value="">Pick a model or endpoint…</option>
                {data?.bedrock.models.length ? (
                  <optgroup label="Foundation models (Bedrock)">
                    {data.bedrock.models.map((model) => (
                      <option key={model.modelId} value={`bedrock:${model.modelId}`}>
                        {model.provider ? `${model.provider} ${model.name}` : model.name}
                      </option>
                    ))}
                  </optgroup>
                ) : null}
                {data?.endpoints.names.length ? (
                  <optgroup label="Endpoints of this project">
                    {data.endpoints.names.map((name) => (
                      <option key={name} value={`endpoint:${name}`}>
                        {name}
                      </option>
                    ))}
                  </optgroup>
                ) : null}
              </select>
            )}
          </Field>
          <TextField
            form={form}
            name="system"
            multiline
            rows={5}
            help="Instructions the model follows for the whole conversation (optional)."
          />
        </div>
        <div className="space-y-4">
          <Transcript turns={turns} streaming={streaming} />
          <Field form={form} name={messageField} help="Enter sends; Shift+Enter starts a new line.">
            {(control) => (
              <textarea
                {...control}
                rows={3}
                value={(form.get('message') as string) ?? ''}
                onChange={(event) => form.set('message', event.target.value)}
                onKeyDown={(event) => {
                  if (event.key === 'Enter' && !event.shiftKey) {
                    event.preventDefault();
                    event.currentTarget.form?.requestSubmit();
                  }
                }}
                className={inputClass}
              />
            )}
          </Field>
          <ErrorNote message={form.formError} />
          <Button
            type="submit"
            variant="primary"
            disabled={form.pending || data?.permissions.converse === false}
          >
            {form.pending ? 'Answering…' : 'Send'}
          </Button>
        </div>
      </form>
      {data?.permissions.readUsage ? <ModelUsageTable project={project} /> : null}
    </div>
  );
}
