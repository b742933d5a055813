/**
 * Creating personal API tokens: within the lifetime an administrator allows, at most
 * `creationsPerHour` a user per hour (counted in the table, so the limit holds across every API
 * process), and only by a person: a token cannot mint tokens, or a leaked notebook credential
 * could outlive its hour as a 90-day token.
 */
import {
  ForbiddenError,
  ValidationError,
  type CreatedApiToken,
  type createApiTokenInputSchema,
} from '@mlspace/core';
import type * as z from 'zod';

import type { Caller } from '../../context';
import type { ApiServices } from '../../services';
import { describeInstant } from './authenticate';
import { newTokenSecret } from './token-secrets';

export const creationsPerHour = 10;
const hourMs = 3_600_000;
const dayMs = 86_400_000;

export async function createPersonalToken(
  services: Pick<ApiServices, 'db' | 'configService'>,
  caller: Caller,
  input: z.output<typeof createApiTokenInputSchema>,
): Promise<CreatedApiToken> {
  if (caller.token)
    throw new ForbiddenError(
      'API tokens cannot create API tokens: sign in to MLSpace to create one.',
    );
  const { maxLifetimeDays } = (await services.configService.current()).config.apiTokens;
  if (input.expiresInDays > maxLifetimeDays)
    throw new ValidationError(
      'expiresInDays',
      `must be at most ${maxLifetimeDays} days (the longest your administrator allows)`,
    );
  const owner = caller.user.username;
  // Each named project must be one the owner can reach now: asking for its role refuses others.
  for (const project of input.projects) {
    if ((await services.db.membership.effectiveRole(project, owner)) === null)
      throw new ValidationError('projects', `names ${project}, a project you are not a member of`);
  }
  const now = Date.now();
  const windowStart = Math.floor(now / hourMs) * hourMs;
  const windowEnd = new Date(windowStart + hourMs).toISOString();
  const secret = newTokenSecret();
  const token = await services.db.apiTokens.create({
    id: secret.id,
    owner,
    name: input.name,
    kind: 'personal',
    scope: input.scope,
    projects: input.projects,
    secretHash: secret.secretHash,
    expiresAt: new Date(now + input.expiresInDays * dayMs).toISOString(),
    actor: owner,
    rateLimit: {
      subject: `apitoken-create#${owner}`,
      windowStart: new Date(windowStart).toISOString(),
      windowEnd,
      max: creationsPerHour,
      refusal: `You may create at most ${creationsPerHour} API tokens per hour; try again after ${describeInstant(windowEnd)}.`,
    },
  });
  return { token, secret: secret.text };
}
