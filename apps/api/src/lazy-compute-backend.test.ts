import { createComputeEventBus, type ComputeBackend, type ComputeStatusEvent } from '@mlspace/core';
import { createDocumentClient } from '@mlspace/db';
import { describe, expect, it, vi } from 'vitest';

import { awsComputeBackend } from './compute-backend';
import { readEnv } from './env';
import { lazyAwsComputeBackend } from './lambda-services';
import { lazyComputeBackend } from './lazy-compute-backend';
import { resolveSettings } from './settings';

function fakeBackend(): ComputeBackend {
  const events = createComputeEventBus();
  return {
    name: 'aws',
    events,
    notebooks: {
      describe: vi.fn(async (name: string) => {
        events.emit({ kind: 'notebook', name, status: 'InService' } as ComputeStatusEvent);
        return null;
      }),
    } as unknown as ComputeBackend['notebooks'],
    shutdown: vi.fn(async () => {}),
  };
}

describe('a compute backend loaded on first use', () => {
  it('loads nothing until a call needs it, then loads once and forwards every call', async () => {
    const loaded = fakeBackend();
    const load = vi.fn(async () => loaded);
    const backend = lazyComputeBackend({
      name: 'aws',
      kinds: ['notebooks'],
      deletesRoles: false,
      load,
    });
    expect(load).not.toHaveBeenCalled();
    await Promise.all([backend.notebooks.describe('a'), backend.notebooks.describe('b')]);
    expect(load).toHaveBeenCalledTimes(1);
    expect(loaded.notebooks.describe).toHaveBeenCalledWith('b');
  });

  it('re-emits the loaded backend’s status events to listeners subscribed before it loaded', async () => {
    const backend = lazyComputeBackend({
      name: 'aws',
      kinds: ['notebooks'],
      deletesRoles: false,
      load: async () => fakeBackend(),
    });
    const heard: string[] = [];
    backend.events.subscribe((event) => void heard.push(`${event.name} ${event.status}`));
    await backend.notebooks.describe('nb1');
    await vi.waitFor(() => expect(heard).toEqual(['nb1 InService']));
  });

  it('tries to load again after a failed load instead of failing every later call', async () => {
    const load = vi
      .fn<() => Promise<ComputeBackend>>()
      .mockRejectedValueOnce(new Error('chunk missing'))
      .mockResolvedValue(fakeBackend());
    const backend = lazyComputeBackend({
      name: 'aws',
      kinds: ['notebooks'],
      deletesRoles: false,
      load,
    });
    await expect(backend.notebooks.describe('a')).rejects.toThrow('chunk missing');
    await expect(backend.notebooks.describe('a')).resolves.toBeNull();
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('offers in the Lambda exactly the kinds the AWS backend has, so no kind is reported unavailable by mistake', () => {
    for (const manageRoles of ['true', 'false']) {
      const env = readEnv({
        MLSPACE_BACKEND: 'aws',
        MLSPACE_INITIAL_ADMINS: 'admin',
        MLSPACE_MANAGE_IAM_ROLES: manageRoles,
        MLSPACE_AWS_ACCOUNT_ID: '123456789012',
        AWS_REGION: 'eu-west-1',
      });
      const settings = resolveSettings(env, { session: 's'.repeat(32), oidcClient: 'c' });
      const documentClient = createDocumentClient({ region: 'eu-west-1' });
      const keys = (backend: ComputeBackend) =>
        Object.entries(backend)
          .filter(([, value]) => value !== undefined)
          .map(([key]) => key)
          .sort();
      expect(keys(lazyAwsComputeBackend(settings, documentClient))).toEqual(
        keys(awsComputeBackend(settings, documentClient)),
      );
    }
  });
});
