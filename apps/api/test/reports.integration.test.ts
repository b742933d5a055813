/**
 * Reports by project, by user and of personnel: the CSV an admin downloads from S3 (s3rver) holds
 * exactly the rows of what was asked, read from DynamoDB Local through the router.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, expect, test } from 'vitest';

import { createReportStorage, type ReportStorage } from '@mlspace/aws';
import type { UserView } from '@mlspace/core';
import { findFreePort, localS3ClientConfig, startLocalS3, type LocalS3 } from '@mlspace/local';

import type { ApiServices } from '../src/services';
import { buildReportCsv } from '../src/services/reports';
import { createUsageService } from '../src/services/usage';
import { callerFor, createTestServices, signedUpUser } from './harness';

const bucket = 'mlspace-data';
let dataDir: string;
let s3: LocalS3;
let storage: ReportStorage;
let services: ApiServices;
let admin: UserView;
let alice: UserView;
let bob: UserView;
let carol: UserView;
const suffix = Math.random().toString(36).slice(2, 7);
const [vision, speech] = [`vision${suffix}`, `speech${suffix}`];

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'mlspace-reports-'));
  s3 = await startLocalS3({
    port: await findFreePort(),
    dataDir,
    buckets: [bucket],
    corsOrigins: [],
  });
  storage = createReportStorage({ client: new S3Client(localS3ClientConfig(s3.endpoint)), bucket });
  services = await createTestServices({ reportStorage: storage });
  const db = services.db;
  admin = await signedUpUser(db, { admin: true });
  alice = await signedUpUser(db);
  bob = await signedUpUser(db);
  carol = await signedUpUser(db, { suspended: true });
  await db.projects.create({ name: vision, description: '', createdBy: alice.username });
  await db.projects.create({ name: speech, description: '', createdBy: bob.username });
  await db.membership.addUsers(vision, [bob.username], 'member', alice.username);
  const register = (
    kind: 'notebook' | 'endpoint' | 'trainingJob',
    name: string,
    project: string,
    owner: string,
    instanceCount: number,
  ) =>
    db.resources.register(
      {
        kind,
        name,
        project,
        owner,
        status: 'InService',
        instanceType: 'ml.m5.large',
        instanceCount,
      },
      owner,
    );
  await register('notebook', `nb-alice-${suffix}`, vision, alice.username, 1);
  await register('endpoint', `ep-bob-${suffix}`, vision, bob.username, 3);
  await register('trainingJob', `tj-bob-${suffix}`, speech, bob.username, 2);
});

afterAll(async () => {
  await s3?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** What an admin's browser downloads through the presigned link. */
async function downloaded(name: string): Promise<string[]> {
  const { url } = await callerFor(services, admin).reports.download({ name });
  const response = await fetch(url);
  expect(response.ok).toBe(true);
  return (await response.text()).trimEnd().split('\r\n');
}

const names = (lines: string[]) =>
  lines
    .slice(1)
    .map((line) => line.split(',')[1])
    .sort();

test("a report of one project holds that project's resources only, each with its instances", async () => {
  const report = await callerFor(services, admin).reports.generate({
    report: 'resources',
    scope: 'project',
    targets: [vision],
  });

  const lines = await downloaded(report.name);
  expect(report).toMatchObject({ description: `Resources of project ${vision}`, rowCount: 2 });
  expect(lines[0]).toBe(
    'Kind,Name,Project,Owner,Instance type,Instance count,Status,Created,Started,Stopped,Auto-stop or termination,Instance-hours,Estimated cost (USD)',
  );
  expect(names(lines)).toEqual([`ep-bob-${suffix}`, `nb-alice-${suffix}`]);
  expect(lines.find((line) => line.includes(`ep-bob-${suffix}`))).toContain(
    `,${vision},${bob.username},ml.m5.large,3,InService,`,
  );
});

test('a resources report gives each running resource its instance-hours and estimated cost, and no cost where no price is known', async () => {
  // Two hours after the resources started, priced with us-east-1's table.
  const later = createUsageService({
    db: services.db,
    region: 'us-east-1',
    now: () => new Date(Date.now() + 2 * 3_600_000),
  });
  const { csv } = await buildReportCsv(
    services.db,
    { report: 'resources', scope: 'project', targets: [vision] },
    later,
  );
  const row = (name: string) =>
    csv
      .split('\r\n')
      .find((line) => line.includes(`,${name},`))
      ?.split(',') ?? [];
  const [endpointHours, endpointCost] = row(`ep-bob-${suffix}`).slice(-2);
  // Three ml.m5.large hosting instances at $0.115 an hour.
  expect(Number(endpointHours)).toBeCloseTo(6, 1);
  expect(Number(endpointCost)).toBeCloseTo(0.69, 1);
  // SageMaker has no ml.m5.large notebook instance, so the table has no price for it.
  const [notebookHours, notebookCost] = row(`nb-alice-${suffix}`).slice(-2);
  expect(Number(notebookHours)).toBeCloseTo(2, 1);
  expect(notebookCost).toBe('');
});

test("a report of one user holds what they created across projects, and nobody else's", async () => {
  const report = await callerFor(services, admin).reports.generate({
    report: 'resources',
    scope: 'user',
    targets: [bob.username],
  });

  const lines = await downloaded(report.name);
  expect(report.description).toBe(`Resources of user ${bob.username}`);
  expect(names(lines)).toEqual([`ep-bob-${suffix}`, `tj-bob-${suffix}`]);
});

test('a personnel report lists every user, suspended ones and admins marked as such', async () => {
  const report = await callerFor(services, admin).reports.generate({ report: 'personnel' });

  const lines = await downloaded(report.name);
  expect(report.name).toMatch(/^mlspace-report-personnel-\d{8}T\d{6}Z-[0-9a-f]{4}\.csv$/);
  expect(lines[0]).toBe('Username,Display name,Email,Is admin,Suspended,Created,Last sign-in');
  expect(lines).toContainEqual(
    expect.stringMatching(
      new RegExp(`^${admin.username},User ${admin.username},${admin.email},yes,no,`),
    ),
  );
  expect(lines).toContainEqual(
    expect.stringMatching(
      new RegExp(`^${carol.username},User ${carol.username},${carol.email},no,yes,`),
    ),
  );
  expect(report.rowCount).toBe(lines.length - 1);
});

test('a report of a project or user that does not exist is refused, naming them, and nothing is stored', async () => {
  const api = callerFor(services, admin);
  const before = (await api.reports.list({ limit: 100 })).items.length;

  await expect(
    api.reports.generate({
      report: 'resources',
      scope: 'project',
      targets: [vision, 'nosuchproject'],
    }),
  ).rejects.toMatchObject({
    code: 'BAD_REQUEST',
    message: expect.stringContaining('nosuchproject'),
  });
  await expect(
    callerFor(services, alice).reports.generate({ report: 'personnel' }),
  ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  expect((await api.reports.list({ limit: 100 })).items).toHaveLength(before);
});
