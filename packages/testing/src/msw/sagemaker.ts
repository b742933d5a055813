import type { HttpHandler } from 'msw';

import { awsJsonError, awsJsonService, type AwsJsonOperation } from './aws-json';

export const sagemakerUrl = 'https://api.sagemaker.:region.amazonaws.com/';
export const cloudWatchLogsUrl = 'https://logs.:region.amazonaws.com/';
export const iamUrl = 'https://iam.amazonaws.com/';

interface FakeNotebook {
  name: string;
  status: string;
  instanceType: string;
  volumeSizeGb: number;
  roleArn: string;
  lifecycleConfigName?: string;
}

/**
 * A small in-memory SageMaker for notebook instances and lifecycle configs, behaving as the real
 * service does for the calls MLSpace makes (state rules, "does not exist" validation errors).
 * `overrides` replace single operations (to inject throttling or validation errors).
 */
export function fakeSageMakerNotebooks(
  options: {
    overrides?: Record<string, AwsJsonOperation>;
    calls?: { operation: string; body: Record<string, unknown> }[];
  } = {},
) {
  const notebooks = new Map<string, FakeNotebook>();
  const lifecycleConfigs = new Map<string, Record<string, unknown>>();
  const arn = (name: string) =>
    `arn:aws:sagemaker:us-east-1:123456789012:notebook-instance/${name.toLowerCase()}`;
  const missing = (name: string) =>
    awsJsonError('ValidationException', `RecordNotFound: Notebook Instance ${name} does not exist`);
  const ops: Record<string, AwsJsonOperation> = {
    CreateNotebookInstanceLifecycleConfig: (body) => {
      const name = String(body.NotebookInstanceLifecycleConfigName);
      if (lifecycleConfigs.has(name))
        return awsJsonError(
          'ValidationException',
          `Unable to create Notebook Instance Lifecycle Config ${name}: it already exists`,
        );
      lifecycleConfigs.set(name, body);
      return {
        NotebookInstanceLifecycleConfigArn: `arn:aws:sagemaker:us-east-1:123456789012:notebook-instance-lifecycle-config/${name}`,
      };
    },
    UpdateNotebookInstanceLifecycleConfig: (body) => {
      lifecycleConfigs.set(String(body.NotebookInstanceLifecycleConfigName), body);
      return {};
    },
    DeleteNotebookInstanceLifecycleConfig: (body) => {
      lifecycleConfigs.delete(String(body.NotebookInstanceLifecycleConfigName));
      return {};
    },
    CreateNotebookInstance: (body) => {
      const name = String(body.NotebookInstanceName);
      if (notebooks.has(name))
        return awsJsonError(
          'ResourceInUse',
          `Cannot create a duplicate Notebook Instance (${arn(name)})`,
        );
      notebooks.set(name, {
        name,
        status: 'Pending',
        instanceType: String(body.InstanceType),
        volumeSizeGb: Number(body.VolumeSizeInGB),
        roleArn: String(body.RoleArn),
        lifecycleConfigName: body.LifecycleConfigName as string | undefined,
      });
      return { NotebookInstanceArn: arn(name) };
    },
    DescribeNotebookInstance: (body) => {
      const notebook = notebooks.get(String(body.NotebookInstanceName));
      if (!notebook) return missing(String(body.NotebookInstanceName));
      return {
        NotebookInstanceName: notebook.name,
        NotebookInstanceArn: arn(notebook.name),
        NotebookInstanceStatus: notebook.status,
        InstanceType: notebook.instanceType,
        VolumeSizeInGB: notebook.volumeSizeGb,
        RoleArn: notebook.roleArn,
        NotebookInstanceLifecycleConfigName: notebook.lifecycleConfigName,
        CreationTime: 1_700_000_000,
        LastModifiedTime: 1_700_000_100,
      };
    },
    StartNotebookInstance: (body) => {
      const notebook = notebooks.get(String(body.NotebookInstanceName));
      if (!notebook) return missing(String(body.NotebookInstanceName));
      if (notebook.status !== 'Stopped' && notebook.status !== 'Failed') {
        return awsJsonError(
          'ValidationException',
          `Status (${notebook.status}) not in ([Stopped, Failed]). Unable to transition to (Pending) for Notebook Instance (${arn(notebook.name)}).`,
        );
      }
      notebook.status = 'Pending';
      return {};
    },
    StopNotebookInstance: (body) => {
      const notebook = notebooks.get(String(body.NotebookInstanceName));
      if (!notebook) return missing(String(body.NotebookInstanceName));
      notebook.status = 'Stopping';
      return {};
    },
    UpdateNotebookInstance: (body) => {
      const notebook = notebooks.get(String(body.NotebookInstanceName));
      if (!notebook) return missing(String(body.NotebookInstanceName));
      if (typeof body.InstanceType === 'string') notebook.instanceType = body.InstanceType;
      if (body.VolumeSizeInGB) notebook.volumeSizeGb = Number(body.VolumeSizeInGB);
      return {};
    },
    DeleteNotebookInstance: (body) => {
      const notebook = notebooks.get(String(body.NotebookInstanceName));
      if (!notebook) return missing(String(body.NotebookInstanceName));
      notebook.status = 'Deleting';
      return {};
    },
    CreatePresignedNotebookInstanceUrl: (body) => {
      const name = String(body.NotebookInstanceName);
      if (!notebooks.has(name)) return missing(name);
      return {
        AuthorizedUrl: `https://${name.toLowerCase()}.notebook.us-east-1.sagemaker.aws?authToken=signed`,
      };
    },
    ...options.overrides,
  };
  return {
    handler: (): HttpHandler => awsJsonService(sagemakerUrl, ops, options.calls),
    operations: ops,
    notebooks,
    lifecycleConfigs,
    /** Moves a notebook on, as SageMaker does in the background. */
    setStatus(name: string, status: string) {
      const notebook = notebooks.get(name);
      if (notebook) notebook.status = status;
    },
  };
}
