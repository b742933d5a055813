import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';

import {
  createLabelingJobInputSchema,
  labelingTaskTypeInfo,
  sanitizeTemplate,
  type LabelingTaskType,
} from '@mlspace/core';

import type { Route } from './+types/labeling.new';
import {
  Field,
  FieldRow,
  NumberField,
  RadioField,
  SelectField,
  TextField,
} from '../components/form/fields';
import { FormPage } from '../components/form/form-page';
import { useSchemaForm } from '../components/form/use-schema-form';
import { labelingPath } from '../components/labeling/paths';
import { TaskWorkspace, type TaskObject } from '../components/labeling/task-workspace';
import { DetailSection } from '../components/detail/detail-page';
import { sectionCrumbs } from '../components/project/section-crumbs';
import { onlyWhileActive } from '../components/service-deactivated';
import { prefetchQueries } from '../utils/prefetch.server';
import { trpc } from '../utils/trpc';

export const loader = ({ context, params }: Route.LoaderArgs) =>
  prefetchQueries(context, (utils) => [
    utils.labeling.options.prefetch({ project: params.project }),
  ]);

export const meta: Route.MetaFunction = ({ params }) => [
  { title: `Create labeling job · ${params.project} · MLSpace` },
];

export const handle = sectionCrumbs('Labeling', 'labeling', () => 'Create labeling job');

export default onlyWhileActive('labeling', NewLabelingJob);

interface Values {
  project: string;
  name: string;
  taskType: LabelingTaskType;
  /** Every kind's fields at once, so switching kinds keeps what was chosen. */
  input: {
    kind: 'files' | 'manifest' | 'job';
    dataset: string;
    files: string[];
    file: string;
    job: string;
  };
  outputDataset: string;
  /** One label per line, as typed. */
  labels: string;
  shortInstruction: string;
  fullInstruction: string;
  workers: string[];
  workersPerObject: number;
  taskTimeLimitSeconds: number;
  useTemplate: boolean;
  template: string;
}

const linesOf = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

function toInput(values: Values) {
  const { kind, dataset, files, file, job } = values.input;
  const reviewing = labelingTaskTypeInfo[values.taskType].reviews !== undefined;
  const input = reviewing
    ? { kind: 'job' as const, job }
    : kind === 'manifest'
      ? { kind, dataset, file }
      : { kind: 'files' as const, dataset, files };
  return {
    project: values.project,
    name: values.name,
    taskType: values.taskType,
    input,
    outputDataset: values.outputDataset,
    labels: linesOf(values.labels),
    shortInstruction: values.shortInstruction,
    fullInstruction: values.fullInstruction,
    workers: values.workers,
    workersPerObject: values.workersPerObject,
    taskTimeLimitSeconds: values.taskTimeLimitSeconds,
    template: values.useTemplate ? values.template : undefined,
  };
}

/** The first chosen file, loaded as a worker would see it, for the preview. */
function usePreviewObject(
  project: string,
  dataset: string,
  file: string | undefined,
  media: 'image' | 'text',
) {
  const download = trpc.datasets.downloadUrl.useMutation();
  const [object, setObject] = useState<TaskObject | null>(null);
  const { mutateAsync } = download;
  useEffect(() => {
    setObject(null);
    if (!dataset || !file) return;
    let current = true;
    void mutateAsync({ ref: { scope: 'project', scopeId: project, name: dataset }, fileName: file })
      .then(async ({ url }) => {
        if (media === 'text') {
          const text = await fetch(url).then((response) => response.text());
          if (current) setObject({ imageUrl: null, imageSize: null, text });
          return;
        }
        const image = new Image();
        image.onload = () => {
          if (current)
            setObject({
              imageUrl: url,
              imageSize: { width: image.naturalWidth, height: image.naturalHeight },
              text: null,
            });
        };
        image.src = url;
      })
      .catch(() => setObject(null));
    return () => {
      current = false;
    };
  }, [project, dataset, file, media, mutateAsync]);
  return object;
}

function NewLabelingJob() {
  const { project = '' } = useParams();
  const navigate = useNavigate();
  const options = trpc.labeling.options.useQuery({ project });
  const jobs = trpc.labeling.list.useQuery({ project, limit: 100 });
  const create = trpc.labeling.create.useMutation();
  const form = useSchemaForm<Values, unknown>({
    schema: createLabelingJobInputSchema,
    initial: {
      project,
      name: '',
      taskType: 'BoundingBox',
      input: { kind: 'files', dataset: '', files: [], file: '', job: '' },
      outputDataset: '',
      labels: '',
      shortInstruction: '',
      fullInstruction: '',
      workers: [],
      workersPerObject: 1,
      taskTimeLimitSeconds: 300,
      useTemplate: false,
      template: '',
    },
    labels: {
      name: 'Name',
      taskType: 'Task type',
      'input.kind': 'Objects to label',
      'input.dataset': 'Dataset',
      'input.files': 'Files',
      'input.file': 'Manifest file',
      'input.job': 'Job to review',
      outputDataset: 'Output dataset',
      labels: 'Labels (one per line)',
      shortInstruction: 'Short instruction',
      fullInstruction: 'Full instructions',
      workers: 'Workers',
      workersPerObject: 'Workers per object',
      taskTimeLimitSeconds: 'Time limit per task (seconds)',
      template: 'Custom worker template (HTML)',
    },
    toInput,
    idPrefix: 'labeling-',
  });
  const values = form.values;
  const info = labelingTaskTypeInfo[values.taskType];
  const files = trpc.datasets.files.useQuery(
    { ref: { scope: 'project', scopeId: project, name: values.input.dataset }, limit: 1000 },
    { enabled: values.input.dataset !== '' },
  );
  const preview = usePreviewObject(
    project,
    values.input.kind === 'files' ? values.input.dataset : '',
    values.input.files[0],
    info.media,
  );
  const datasets = options.data?.datasets ?? [];
  const members = options.data?.members ?? [];
  const reviewable = (jobs.data?.items ?? []).filter(
    (job) => job.spec.taskType === info.reviews && ['Completed', 'Stopped'].includes(job.status),
  );
  const fileNames = (files.data?.items ?? []).map((file) => file.name);

  return (
    <div className="grid gap-6 xl:grid-cols-[minmax(0,48rem)_minmax(0,1fr)]">
      <FormPage
        title="Create labeling job"
        description="Choose what to label and who labels it. Several workers per object are consolidated into one label."
        onSubmit={form.submit(async (input) => {
          const job = await create.mutateAsync(input as Parameters<typeof create.mutateAsync>[0]);
          await navigate(labelingPath(project, job.name));
        })}
        pending={form.pending}
        error={form.formError}
        submitLabel="Create labeling job"
        cancelTo={labelingPath(project)}
      >
        <TextField
          form={form}
          name="name"
          help="Letters, digits and hyphens; unique across MLSpace."
        />
        <SelectField
          form={form}
          name="taskType"
          choices={(options.data?.taskTypes ?? []).map((type) => ({
            value: type.name,
            label: type.label,
          }))}
        />
        {info.reviews ? (
          <SelectField
            form={form}
            name="input.job"
            placeholder="Pick a job…"
            choices={reviewable.map((job) => job.name)}
            help={`An ended ${labelingTaskTypeInfo[info.reviews].label} job of this project whose labels workers ${values.taskType.startsWith('Verification') ? 'judge' : 'adjust'}.`}
          />
        ) : (
          <>
            <RadioField
              form={form}
              name="input.kind"
              choices={[
                { value: 'files', label: 'Files of a dataset' },
                { value: 'manifest', label: 'A manifest file' },
              ]}
            />
            <SelectField
              form={form}
              name="input.dataset"
              placeholder="Pick a dataset…"
              choices={datasets}
              help="A dataset of this project."
            />
            {values.input.kind === 'files' ? (
              <Field
                form={form}
                name="input.files"
                nested
                help={`${info.media === 'image' ? 'PNG or JPEG images' : '.txt files'}, one object each.`}
              >
                {(control) => (
                  <div
                    id={control.id}
                    aria-describedby={control['aria-describedby']}
                    className="max-h-56 space-y-1 overflow-auto rounded-md border border-slate-300 p-2 text-sm dark:border-slate-700"
                  >
                    {fileNames.length === 0 ? (
                      <p className="text-slate-500 dark:text-slate-400">
                        {values.input.dataset
                          ? 'No files in this dataset.'
                          : 'Pick a dataset first.'}
                      </p>
                    ) : (
                      <>
                        <label className="flex items-center gap-2 font-medium">
                          <input
                            type="checkbox"
                            checked={values.input.files.length === fileNames.length}
                            onChange={(event) =>
                              form.set('input.files', event.target.checked ? fileNames : [])
                            }
                          />
                          All {fileNames.length} files
                        </label>
                        {fileNames.map((file) => (
                          <label key={file} className="flex items-center gap-2">
                            <input
                              type="checkbox"
                              checked={values.input.files.includes(file)}
                              onChange={(event) =>
                                form.set(
                                  'input.files',
                                  event.target.checked
                                    ? [...values.input.files, file]
                                    : values.input.files.filter((chosen) => chosen !== file),
                                )
                              }
                            />
                            {file}
                          </label>
                        ))}
                      </>
                    )}
                  </div>
                )}
              </Field>
            ) : (
              <SelectField
                form={form}
                name="input.file"
                placeholder="Pick a manifest…"
                choices={fileNames.filter(
                  (file) => file.endsWith('.manifest') || file.endsWith('.jsonl'),
                )}
                help="JSON lines with source-ref (images) or source (text)."
              />
            )}
          </>
        )}
        <SelectField
          form={form}
          name="outputDataset"
          placeholder="Pick a dataset…"
          choices={datasets}
          help="The output manifest goes to <dataset>/<job>/manifests/output/output.manifest."
        />
        <TextField
          form={form}
          name="labels"
          multiline
          rows={4}
          help="The classes workers choose from."
        />
        <TextField
          form={form}
          name="shortInstruction"
          help="What workers see above every object."
        />
        <TextField form={form} name="fullInstruction" multiline rows={3} />
        <Field
          form={form}
          name="workers"
          nested
          help="Project members who label; each object goes to as many of them as you choose below."
        >
          {(control) => (
            <div id={control.id} className="flex flex-wrap gap-x-5 gap-y-1 text-sm">
              {members.map((member) => (
                <label key={member} className="flex items-center gap-2">
                  <input
                    type="checkbox"
                    checked={values.workers.includes(member)}
                    onChange={(event) =>
                      form.set(
                        'workers',
                        event.target.checked
                          ? [...values.workers, member]
                          : values.workers.filter((worker) => worker !== member),
                      )
                    }
                  />
                  {member}
                </label>
              ))}
            </div>
          )}
        </Field>
        <FieldRow>
          <NumberField form={form} name="workersPerObject" />
          <NumberField form={form} name="taskTimeLimitSeconds" />
        </FieldRow>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={values.useTemplate}
            onChange={(event) => form.set('useTemplate', event.target.checked)}
          />
          Use a custom worker template (Ground Truth renders it on AWS)
        </label>
        {values.useTemplate ? (
          <TextField form={form} name="template" multiline rows={6} mono />
        ) : null}
      </FormPage>
      <aside aria-label="Preview" className="min-w-0 xl:pt-20">
        <DetailSection
          title="Preview"
          description="The task as a worker will see it, with the first chosen file."
        >
          <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900">
            {values.useTemplate && values.template ? (
              <iframe
                title="Custom template preview"
                sandbox=""
                srcDoc={sanitizeTemplate(values.template)}
                className="h-80 w-full rounded-md border border-slate-200 bg-white"
              />
            ) : preview || info.media === 'text' || info.reviews ? (
              <TaskWorkspace
                key={`${values.taskType}-${values.input.files[0] ?? ''}`}
                taskType={values.taskType}
                labels={linesOf(values.labels).length ? linesOf(values.labels) : ['First label']}
                object={preview ?? { imageUrl: null, imageSize: null, text: null }}
                shortInstruction={values.shortInstruction || 'Your short instruction shows here.'}
                preview
              />
            ) : (
              <p className="text-sm text-slate-600 dark:text-slate-400">
                Choose a dataset and a file to see the task.
              </p>
            )}
          </div>
        </DetailSection>
      </aside>
    </div>
  );
}
