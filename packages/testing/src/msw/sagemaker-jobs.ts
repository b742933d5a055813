import { http, HttpResponse, type HttpHandler } from 'msw';

import { contractChecked } from '../contract/checked-handlers';
import { decodeRestMessage } from '../contract/rest-json';
import { validate, validateErrorCode } from '../contract/validate';
import { recordContractViolations } from '../contract/violations';
import { awsJsonError, awsJsonService, type AwsJsonOperation } from './aws-json';
import { sagemakerUrl } from './sagemaker';

export const sagemakerRuntimeUrl =
  'https://runtime.sagemaker.:region.amazonaws.com/endpoints/:name/invocations';

type Call = { operation: string; body: Record<string, unknown> };
const account = 'arn:aws:sagemaker:us-east-1:123456789012';

/**
 * An in-memory SageMaker for training, tuning and transform jobs, models, endpoint configs and
 * endpoints: creates record the request, describes answer from it, duplicates and unknown names
 * fail as SageMaker fails them. `overrides` replace single operations; `calls` records requests.
 */
export function fakeSageMakerJobs(
  options: { overrides?: Record<string, AwsJsonOperation>; calls?: Call[] } = {},
) {
  const stores = {
    training: new Map<string, Record<string, unknown>>(),
    tuning: new Map<string, Record<string, unknown>>(),
    transform: new Map<string, Record<string, unknown>>(),
    model: new Map<string, Record<string, unknown>>(),
    endpointConfig: new Map<string, Record<string, unknown>>(),
    endpoint: new Map<string, Record<string, unknown>>(),
    /** A tuning job's training jobs, as ListTrainingJobsForHyperParameterTuningJob summarises them. */
    tuningTrainingJobs: new Map<string, Record<string, unknown>[]>(),
  };
  const created = 1_700_000_000;
  /**
   * `notDescribed` are the request members the Describe output does not have (Tags above all:
   * SageMaker answers them only from ListTags), so a describe answers as SageMaker's does.
   */
  function createIn(
    store: Map<string, Record<string, unknown>>,
    key: string,
    kind: string,
    arnKind: string,
    extra: (body: Record<string, unknown>) => Record<string, unknown>,
    notDescribed: string[] = ['Tags'],
  ): AwsJsonOperation {
    return (body) => {
      const name = String(body[key]);
      if (store.has(name)) {
        return kind === 'Endpoint' || kind === 'Model' || kind === 'EndpointConfig'
          ? awsJsonError(
              'ValidationException',
              `Cannot create already existing ${kind} "${account}:${arnKind}/${name.toLowerCase()}".`,
            )
          : awsJsonError('ResourceInUse', `${kind} ${name} already exists`);
      }
      const described = Object.fromEntries(
        Object.entries(body).filter(([member]) => !notDescribed.includes(member)),
      );
      store.set(name, { ...described, ...extra(body), CreationTime: created });
      return { [`${kind}Arn`]: `${account}:${arnKind}/${name.toLowerCase()}` };
    };
  }
  const missing = (kind: string, name: string) =>
    awsJsonError('ValidationException', `Could not find ${kind} "${name}".`);
  function describeIn(
    store: Map<string, Record<string, unknown>>,
    key: string,
    kind: string,
    arnKind: string,
  ): AwsJsonOperation {
    return (body) => {
      const name = String(body[key]);
      const item = store.get(name);
      return item
        ? { ...item, [`${kind}Arn`]: `${account}:${arnKind}/${name.toLowerCase()}` }
        : missing(kind, name);
    };
  }
  function deleteIn(
    store: Map<string, Record<string, unknown>>,
    key: string,
    kind: string,
  ): AwsJsonOperation {
    return (body) => (store.delete(String(body[key])) ? {} : missing(kind, String(body[key])));
  }
  function setStatus(
    store: Map<string, Record<string, unknown>>,
    key: string,
    kind: string,
    field: string,
    status: string,
    allowed: string[],
  ): AwsJsonOperation {
    return (body) => {
      const item = store.get(String(body[key]));
      if (!item) return missing(kind, String(body[key]));
      if (!allowed.includes(String(item[field])))
        return awsJsonError(
          'ValidationException',
          `The request was rejected because the ${kind.toLowerCase()} is in status ${String(item[field])}.`,
        );
      item[field] = status;
      return {};
    };
  }
  const ops: Record<string, AwsJsonOperation> = {
    CreateTrainingJob: createIn(
      stores.training,
      'TrainingJobName',
      'TrainingJob',
      'training-job',
      (body) => ({
        TrainingJobStatus: 'InProgress',
        SecondaryStatus: 'Starting',
        ModelArtifacts: {
          S3ModelArtifacts: `${String((body.OutputDataConfig as { S3OutputPath?: string } | undefined)?.S3OutputPath)}/${String(body.TrainingJobName)}/output/model.tar.gz`,
        },
      }),
      ['Tags', 'SessionChainingConfig'],
    ),
    DescribeTrainingJob: describeIn(
      stores.training,
      'TrainingJobName',
      'TrainingJob',
      'training-job',
    ),
    StopTrainingJob: setStatus(
      stores.training,
      'TrainingJobName',
      'TrainingJob',
      'TrainingJobStatus',
      'Stopping',
      ['InProgress'],
    ),
    CreateHyperParameterTuningJob: createIn(
      stores.tuning,
      'HyperParameterTuningJobName',
      'HyperParameterTuningJob',
      'hyper-parameter-tuning-job',
      () => ({
        HyperParameterTuningJobStatus: 'InProgress',
        TrainingJobStatusCounters: {
          Completed: 0,
          InProgress: 0,
          RetryableError: 0,
          NonRetryableError: 0,
          Stopped: 0,
        },
        ObjectiveStatusCounters: { Succeeded: 0, Pending: 0, Failed: 0 },
      }),
    ),
    DescribeHyperParameterTuningJob: describeIn(
      stores.tuning,
      'HyperParameterTuningJobName',
      'HyperParameterTuningJob',
      'hyper-parameter-tuning-job',
    ),
    StopHyperParameterTuningJob: setStatus(
      stores.tuning,
      'HyperParameterTuningJobName',
      'HyperParameterTuningJob',
      'HyperParameterTuningJobStatus',
      'Stopping',
      ['InProgress'],
    ),
    ListTrainingJobsForHyperParameterTuningJob: (body) => {
      const tuning = stores.tuning.get(String(body.HyperParameterTuningJobName));
      if (!tuning)
        return missing('HyperParameterTuningJob', String(body.HyperParameterTuningJobName));
      return {
        TrainingJobSummaries:
          stores.tuningTrainingJobs.get(String(body.HyperParameterTuningJobName)) ?? [],
      };
    },
    CreateTransformJob: createIn(
      stores.transform,
      'TransformJobName',
      'TransformJob',
      'transform-job',
      () => ({ TransformJobStatus: 'InProgress' }),
    ),
    DescribeTransformJob: describeIn(
      stores.transform,
      'TransformJobName',
      'TransformJob',
      'transform-job',
    ),
    StopTransformJob: setStatus(
      stores.transform,
      'TransformJobName',
      'TransformJob',
      'TransformJobStatus',
      'Stopping',
      ['InProgress'],
    ),
    CreateModel: createIn(stores.model, 'ModelName', 'Model', 'model', () => ({})),
    DescribeModel: describeIn(stores.model, 'ModelName', 'Model', 'model'),
    DeleteModel: deleteIn(stores.model, 'ModelName', 'Model'),
    CreateEndpointConfig: createIn(
      stores.endpointConfig,
      'EndpointConfigName',
      'EndpointConfig',
      'endpoint-config',
      () => ({}),
    ),
    DescribeEndpointConfig: describeIn(
      stores.endpointConfig,
      'EndpointConfigName',
      'EndpointConfig',
      'endpoint-config',
    ),
    DeleteEndpointConfig: deleteIn(stores.endpointConfig, 'EndpointConfigName', 'EndpointConfig'),
    CreateEndpoint: (body) => {
      if (!stores.endpointConfig.has(String(body.EndpointConfigName)))
        return missing('EndpointConfig', String(body.EndpointConfigName));
      return createIn(
        stores.endpoint,
        'EndpointName',
        'Endpoint',
        'endpoint',
        () => ({ EndpointStatus: 'Creating', LastModifiedTime: created }),
        ['Tags', 'DeploymentConfig'],
      )(body, undefined as never);
    },
    DescribeEndpoint: describeIn(stores.endpoint, 'EndpointName', 'Endpoint', 'endpoint'),
    UpdateEndpoint: (body) => {
      const endpoint = stores.endpoint.get(String(body.EndpointName));
      if (!endpoint) return missing('Endpoint', String(body.EndpointName));
      if (endpoint.EndpointStatus !== 'InService')
        return awsJsonError(
          'ValidationException',
          `Cannot update in-progress endpoint "${account}:endpoint/${String(body.EndpointName)}".`,
        );
      endpoint.EndpointStatus = 'Updating';
      endpoint.EndpointConfigName = body.EndpointConfigName;
      endpoint.LastModifiedTime = created + 60;
      return { EndpointArn: `${account}:endpoint/${String(body.EndpointName)}` };
    },
    DeleteEndpoint: deleteIn(stores.endpoint, 'EndpointName', 'Endpoint'),
    ...options.overrides,
  };
  return {
    handler: (): HttpHandler => awsJsonService(sagemakerUrl, ops, options.calls),
    operations: ops,
    stores,
  };
}

/**
 * sagemaker-runtime InvokeEndpoint (REST-JSON): `respond` answers a payload; a thrown message
 * becomes SageMaker's ModelError (424, with the container's status and message). The request and
 * the answer are checked against the service model as the JSON fakes' are (ADR 014).
 */
export function fakeSageMakerRuntime(
  respond: (
    endpoint: string,
    body: string,
    contentType: string,
  ) => { body: string; contentType: string },
) {
  const check = (direction: 'request' | 'response' | 'error', found: ReturnType<typeof validate>) =>
    recordContractViolations('sagemaker-runtime', 'InvokeEndpoint', direction, found);
  const handler = (): HttpHandler =>
    contractChecked(
      http.post(sagemakerRuntimeUrl, async ({ request, params }) => {
        const body = await request.text();
        check(
          'request',
          validate(
            'sagemaker-runtime',
            'InvokeEndpoint',
            'input',
            decodeRestMessage('sagemaker-runtime', 'InvokeEndpoint', 'input', {
              labels: { EndpointName: String(params.name) },
              headers: request.headers,
              payload: body,
            }),
          ),
        );
        try {
          const answer = respond(
            String(params.name),
            body,
            request.headers.get('content-type') ?? '',
          );
          const headers = new Headers({
            'content-type': answer.contentType,
            'x-amzn-invoked-production-variant': 'AllTraffic',
          });
          check(
            'response',
            validate(
              'sagemaker-runtime',
              'InvokeEndpoint',
              'output',
              decodeRestMessage('sagemaker-runtime', 'InvokeEndpoint', 'output', {
                headers,
                payload: answer.body,
              }),
            ),
          );
          return new HttpResponse(answer.body, { headers });
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          check('error', validateErrorCode('sagemaker-runtime', 'InvokeEndpoint', 'ModelError'));
          return HttpResponse.json(
            {
              ErrorCode: 'CLIENT_ERROR_FROM_MODEL',
              Message: `Received client error (400) from primary with message "${message}".`,
              OriginalStatusCode: 400,
              OriginalMessage: message,
            },
            {
              status: 424,
              headers: {
                'x-amzn-errortype':
                  'ModelError:http://internal.amazon.com/coral/com.amazon.sagemaker/',
              },
            },
          );
        }
      }),
    );
  return Object.assign(handler, { operations: ['InvokeEndpoint'] });
}
