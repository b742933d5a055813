/**
 * `notebookCredentials.exchange`: a notebook on AWS trades a signed `sts:GetCallerIdentity`
 * request for an MLSpace token (ADR 020). STS says whose credentials signed it; MLSpace accepts
 * only the project-user role of that notebook's project and creator, in this deployment's
 * account, while the notebook runs. Loaded on first use: it brings the IAM naming of @mlspace/aws.
 */
import { ForbiddenError, UnavailableError } from '@mlspace/core';
import {
  assumedRoleName,
  forwardGetCallerIdentity,
  projectUserRoleName,
  type SignedCallerIdentityRequest,
} from '@mlspace/aws';

import type { ApiServices } from '../../services';
import { mintNotebookCredentials, type NotebookCredentials } from './mint';
import { notebookServerId } from './with-notebook-credentials';

export interface ExchangeInput {
  notebook: string;
  request: SignedCallerIdentityRequest;
}

export async function exchangeNotebookIdentity(
  services: Pick<ApiServices, 'db' | 'settings'>,
  input: ExchangeInput,
  fetchImpl: typeof fetch = fetch,
): Promise<NotebookCredentials> {
  const roles = services.settings.compute.userScopedRoles;
  if (services.settings.mode !== 'aws' || !roles)
    throw new UnavailableError(
      'Notebooks prove their identity with IAM only on AWS with user-scoped roles; locally they get a token file',
    );
  const identity = await forwardGetCallerIdentity(
    input.request,
    notebookServerId(services.settings.publicUrl),
    fetchImpl,
  );
  const refusal = new ForbiddenError(
    `${identity.arn} is not the role of notebook ${input.notebook}'s project and creator`,
  );
  const record = await services.db.resources.get('notebook', input.notebook);
  if (!record || identity.account !== roles.accountId) throw refusal;
  if (
    assumedRoleName(identity.arn) !==
    projectUserRoleName(roles.prefix, record.project, record.owner)
  )
    throw refusal;
  if (!['Pending', 'InService'].includes(record.status))
    throw new ForbiddenError(`Notebook ${record.name} is ${record.status}, not running`);
  return mintNotebookCredentials(services.db, record);
}
