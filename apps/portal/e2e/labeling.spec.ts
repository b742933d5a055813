import { deflateSync } from 'node:zlib';

import type { Page } from 'playwright-core';
import { expect } from 'vitest';

import { screenshot } from './support/browser';
import { e2e, type Sessions } from './support/fixtures';
import { callApi } from './support/trpc-call';

const stamp = Date.now().toString(36);
/** The machine is shared: give a page time to answer before calling it wrong. */
const eventually = { timeout: 30_000, interval: 500 };

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function chunk(type: string, data: Buffer): Buffer {
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  let crc = 0xffffffff;
  for (const byte of typed) crc = crcTable[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const sum = Buffer.alloc(4);
  sum.writeUInt32BE((crc ^ 0xffffffff) >>> 0);
  return Buffer.concat([length, typed, sum]);
}

/** A 160×120 PNG: a grey background with one dark square (the "cat") at `square`. */
function pngWithSquare(square: { left: number; top: number; size: number }): Buffer {
  const width = 160;
  const height = 120;
  const raw = Buffer.alloc(height * (1 + width * 3), 200);
  for (let y = 0; y < height; y += 1) {
    raw[y * (1 + width * 3)] = 0;
    for (let x = 0; x < width; x += 1) {
      const inside =
        x >= square.left &&
        x < square.left + square.size &&
        y >= square.top &&
        y < square.top + square.size;
      if (inside) raw.fill(40, y * (1 + width * 3) + 1 + x * 3, y * (1 + width * 3) + 4 + x * 3);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const squares = [
  { left: 20, top: 20, size: 40 },
  { left: 90, top: 50, size: 50 },
  { left: 50, top: 30, size: 30 },
];

/** Uploads bytes into a project dataset the way the dataset page does: a presigned PUT. */
async function upload(page: Page, project: string, dataset: string, name: string, body: Buffer) {
  const ref = { scope: 'project', scopeId: project, name: dataset };
  const { url } = await callApi<{ url: string }>(page, 'datasets.startUpload', {
    ref,
    fileName: name,
    size: body.length,
  });
  const status = await page.evaluate(
    async ({ url, bytes }) =>
      (await fetch(url, { method: 'PUT', body: new Uint8Array(bytes) })).status,
    { url, bytes: [...body] },
  );
  expect(status).toBe(200);
}

async function signInOnce(sessions: Sessions, username: string) {
  const first = await sessions.signedIn(username);
  await first.page.close();
}

/**
 * Draws a box with the mouse from one image point to another: the points are in the image's own
 * pixels, turned into screen points through the drawing surface's size on the page.
 */
async function drawBox(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  const surface = page.getByTestId('box-surface');
  const box = (await surface.boundingBox())!;
  const at = (point: { x: number; y: number }) => ({
    x: box.x + (point.x / 160) * box.width,
    y: box.y + (point.y / 120) * box.height,
  });
  const start = at(from);
  const end = at(to);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move((start.x + end.x) / 2, (start.y + end.y) / 2, { steps: 4 });
  await page.mouse.move(end.x, end.y, { steps: 4 });
  await page.mouse.up();
}

/** A worker labels their whole queue, drawing around each square shifted by `offset` pixels. */
async function labelQueue(page: Page, project: string, job: string, offset: number) {
  await page.goto(`/projects/${project}/labeling/${job}/work`);
  for (let done = 0; done < squares.length; done += 1) {
    await expect.poll(() => page.getByTestId('task-deadline').count(), eventually).toBe(1);
    const heading = (await page.getByTestId('task-deadline').textContent())!;
    const index = Number(/Object (\d+)/.exec(heading)![1]) - 1;
    const square = squares[index]!;
    await drawBox(
      page,
      { x: square.left + offset, y: square.top + offset },
      { x: square.left + square.size + offset, y: square.top + square.size },
    );
    await expect
      .poll(() => page.getByTestId('box-count').textContent(), eventually)
      .toContain('1 box drawn');
    if (done === 0) await screenshot(page, `labeling-task-${page.viewportSize()?.width ?? 0}`);
    await page.getByRole('button', { name: 'Submit', exact: true }).click();
    await expect
      .poll(
        async () =>
          (await page
            .getByTestId('task-deadline')
            .textContent()
            .catch(() => null)) !== heading,
        eventually,
      )
      .toBe(true);
  }
  await expect
    .poll(() => page.getByRole('status').textContent(), eventually)
    .toContain('You have answered every object assigned to you');
}

e2e(
  'alice creates a bounding-box job, bob and carol draw the boxes, the job completes with fused boxes that a training job takes',
  { timeout: 600_000 },
  async ({ sessions }) => {
    for (const username of ['bob', 'carol']) await signInOnce(sessions, username);
    const alice = await sessions.signedIn('alice');
    const project = `label${stamp}`;
    const job = `boxes-${stamp}`;
    await callApi(alice.page, 'projects.create', { name: project, description: 'Labeling' });
    await callApi(alice.page, 'projects.members.add', {
      project,
      usernames: ['bob', 'carol'],
      role: 'member',
    });
    for (const name of ['pets', 'labels'])
      await callApi(alice.page, 'datasets.create', {
        scope: 'project',
        project,
        name,
        type: 'image',
        description: 'Labeling',
      });
    for (const [index, square] of squares.entries())
      await upload(alice.page, project, 'pets', `pet-${index}.png`, pngWithSquare(square));

    // alice creates the job through the form; the preview shows the drawing surface.
    const page = alice.page;
    await page.goto(`/projects/${project}/labeling/new`);
    await page.getByLabel('Name', { exact: true }).fill(job);
    await page.getByLabel('Task type', { exact: true }).selectOption('BoundingBox');
    await page.getByLabel('Dataset', { exact: true }).selectOption('pets');
    await page.getByLabel('All 3 files').check();
    await page.getByLabel('Output dataset', { exact: true }).selectOption('labels');
    await page.getByLabel('Labels (one per line)', { exact: true }).fill('cat\ndog');
    await page.getByLabel('Short instruction', { exact: true }).fill('Draw a box around the cat');
    await page.getByLabel('bob', { exact: true }).check();
    await page.getByLabel('carol', { exact: true }).check();
    await page.getByLabel('Workers per object', { exact: true }).fill('2');
    await expect.poll(() => page.getByTestId('box-surface').count(), eventually).toBe(1);
    await screenshot(page, 'labeling-create');
    await page.getByRole('button', { name: 'Create labeling job' }).click();
    await page.waitForURL((url) => url.pathname.endsWith(`/labeling/${job}`));
    await expect
      .poll(() => page.getByTestId('detail-status').textContent(), eventually)
      .toBe('InProgress');

    // bob and carol each label all three images, drawing with the mouse.
    // bob labels on a phone: the boxes land where he draws them on the scaled-down image.
    const bob = await sessions.signedIn('bob');
    await bob.page.setViewportSize({ width: 390, height: 844 });
    await labelQueue(bob.page, project, job, 0);
    await screenshot(bob.page, 'labeling-queue-done');
    const carol = await sessions.signedIn('carol');
    await carol.page.setViewportSize({ width: 1440, height: 900 });
    await carol.page.emulateMedia({ colorScheme: 'dark' });
    await labelQueue(carol.page, project, job, 4);

    await page.reload();
    await expect
      .poll(() => page.getByTestId('detail-status').textContent(), eventually)
      .toBe('Completed');
    expect(await page.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('3');
    expect(await page.getByTestId('worker-counts').textContent()).toMatch(/bob33.*carol33/);
    await expect
      .poll(() => page.getByTestId('labeled-gallery').textContent(), eventually)
      .toContain('1 box');
    await screenshot(page, 'labeling-job-completed');

    // The output manifest lists one fused box per image: the average of bob's and carol's.
    const { url } = await callApi<{ url: string }>(page, 'datasets.downloadUrl', {
      ref: { scope: 'project', scopeId: project, name: 'labels' },
      fileName: `${job}/manifests/output/output.manifest`,
    });
    const manifest = await page.evaluate(async (url) => (await fetch(url)).text(), url);
    const lines = manifest
      .trim()
      .split('\n')
      .map(
        (line) =>
          JSON.parse(line) as Record<string, unknown> & {
            'source-ref': string;
          },
      );
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      const index = Number(/pet-(\d)\.png$/.exec(line['source-ref'])![1]);
      const square = squares[index]!;
      const label = line[job] as {
        annotations: {
          class_id: number;
          left: number;
          top: number;
          width: number;
          height: number;
        }[];
        image_size: { width: number; height: number; depth: number }[];
      };
      expect(label.image_size).toEqual([{ width: 160, height: 120, depth: 3 }]);
      expect(label.annotations).toHaveLength(1);
      const [fused] = label.annotations;
      expect(fused!.class_id).toBe(0);
      // bob drew at the square, carol 4 px right and down: the fused box sits 2 px in.
      expect(Math.abs(fused!.left - (square.left + 2))).toBeLessThanOrEqual(2);
      expect(Math.abs(fused!.top - (square.top + 2))).toBeLessThanOrEqual(2);
      expect(Math.abs(fused!.width - (square.size - 0))).toBeLessThanOrEqual(3);
      expect(line[`${job}-metadata`]).toMatchObject({
        'class-map': { '0': 'cat' },
        type: 'groundtruth/object-detection',
        'human-annotated': 'yes',
        'job-name': `labeling-job/${job}`,
      });
    }

    // A training job takes the manifest as an augmented-manifest channel.
    const manifestUri = (await page.getByTestId('Output manifest-value').textContent())!.trim();
    const training = await callApi<{ name: string; status: string }>(page, 'training.create', {
      project,
      name: `detector-${stamp}`,
      algorithm: { kind: 'builtin', name: 'sklearn-linear-learner' },
      hyperParameters: { epochs: '2' },
      inputs: [
        {
          name: 'train',
          s3Uri: manifestUri,
          s3DataType: 'AugmentedManifestFile',
          attributeNames: ['source-ref', job],
        },
      ],
      outputS3Uri: `s3://${manifestUri.split('/')[2]}/project/${project}/training-output`,
      instanceType: 'ml.m5.large',
      instanceCount: 1,
      maxRuntimeSeconds: 600,
    });
    expect(training.name).toBe(`detector-${stamp}`);
  },
);
