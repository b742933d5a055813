import type { NotebookActivity } from '../idle-stop/rules';
import type { LogPage, LogRequest } from './logs';
import type { ProjectContext } from './owner';
import type { NotebookStatus } from './status';

/** Bash scripts run as the notebook's lifecycle configuration (SageMaker: base64 OnCreate/OnStart). */
export interface LifecycleScripts {
  onCreate?: string;
  onStart?: string;
}

export interface NotebookSpec {
  name: string;
  instanceType: string;
  volumeSizeGb: number;
  lifecycle: LifecycleScripts;
}

export interface CreateNotebookRequest extends NotebookSpec {
  owner: ProjectContext;
  /** Set in Jupyter's environment (an attached cluster's address); the local backend uses it. */
  environment?: Record<string, string>;
}

/** What may change while the notebook is stopped. */
export interface UpdateNotebookRequest {
  name: string;
  instanceType?: string;
  volumeSizeGb?: number;
  lifecycle?: LifecycleScripts;
}

export interface NotebookDescription {
  name: string;
  status: NotebookStatus;
  instanceType: string;
  volumeSizeGb: number;
  failureReason?: string;
  /** AWS: the instance ARN; local: absent. */
  arn?: string;
  /** Backend facts to keep on the registry record (ARN, URL, role). */
  metadata: Record<string, string>;
  createdAt?: string;
  lastModifiedAt?: string;
}

/** Where the browser goes to use Jupyter. */
export interface NotebookOpenUrl {
  /** Local: the proxied path `/notebooks/<name>/tree`; AWS: a presigned URL. */
  url: string;
}

/**
 * Notebooks on a backend. Calls return once the backend accepted the request; the notebook then
 * moves through its statuses, reported as status events and by `describe`.
 */
export interface NotebookBackend {
  create(request: CreateNotebookRequest): Promise<NotebookDescription>;
  describe(name: string): Promise<NotebookDescription | null>;
  start(
    name: string,
    owner: ProjectContext,
    lifecycle: LifecycleScripts,
    environment?: Record<string, string>,
  ): Promise<void>;
  stop(name: string): Promise<void>;
  update(request: UpdateNotebookRequest): Promise<void>;
  delete(name: string): Promise<void>;
  openUrl(name: string, username: string): Promise<NotebookOpenUrl>;
  logs(request: LogRequest): Promise<LogPage>;
  /**
   * What the notebook's Jupyter says of its use now, for the idle rule; null when it is not
   * serving. Absent where the backend cannot reach Jupyter (on AWS a lifecycle script applies the
   * rule on the instance instead).
   */
  activity?(name: string): Promise<NotebookActivity | null>;
}
