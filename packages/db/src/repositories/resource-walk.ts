import { QueryCommand } from '@aws-sdk/lib-dynamodb';

import { computeKinds, type ResourceRecord } from '@mlspace/core';

import type { Context } from '../model';
import { resourceRecordOf } from './resources';
import { queryParams } from '../query-params';

/**
 * Every resource of every project, for admin reports, without a Scan: the projects come from the
 * `allProjects` partition (gsi1 `projects`), then each project's resources per kind from `byProject`
 * (gsi1 `project#${project}#resources#${kind}`). Yields one page of records at a time, so a report
 * of any size streams.
 */
export async function* walkAllResources(
  context: Context,
  options: { concurrency?: number } = {},
): AsyncGenerator<ResourceRecord[]> {
  const { project, resource } = context.model.entities;
  const concurrency = options.concurrency ?? 8;

  async function projectNames(): Promise<string[]> {
    const names: string[] = [];
    let startKey: Record<string, unknown> | undefined;
    const params = queryParams(project.query.allProjects({}).params());
    do {
      const response = await context.client.send(
        new QueryCommand({ ...params, ExclusiveStartKey: startKey }),
      );
      for (const item of response.Items ?? []) names.push(String(item.name));
      startKey = response.LastEvaluatedKey;
    } while (startKey);
    return names;
  }

  async function allOf(
    projectName: string,
    kind: (typeof computeKinds)[number],
  ): Promise<ResourceRecord[]> {
    const records: ResourceRecord[] = [];
    const params = queryParams(resource.query.byProject({ project: projectName, kind }).params());
    let startKey: Record<string, unknown> | undefined;
    do {
      const response = await context.client.send(
        new QueryCommand({ ...params, ExclusiveStartKey: startKey }),
      );
      for (const Item of response.Items ?? []) {
        const { data } = resource.parse({ Item });
        if (data) records.push(resourceRecordOf(data));
      }
      startKey = response.LastEvaluatedKey;
    } while (startKey);
    return records;
  }

  const names = await projectNames();
  const jobs = names.flatMap((name) => computeKinds.map((kind) => [name, kind] as const));
  for (let index = 0; index < jobs.length; index += concurrency) {
    const batch = await Promise.all(
      jobs.slice(index, index + concurrency).map(([name, kind]) => allOf(name, kind)),
    );
    for (const records of batch) if (records.length > 0) yield records;
  }
}
