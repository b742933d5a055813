import { createWriteStream } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import {
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { ValidationError } from '@mlspace/core';

export interface S3Location {
  bucket: string;
  key: string;
}

export function parseS3Uri(uri: string, field = 's3Uri'): S3Location {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri);
  if (!match?.[1])
    throw new ValidationError(field, `must be an S3 URI like s3://bucket/prefix, not "${uri}"`);
  return { bucket: match[1], key: match[2] ?? '' };
}

export function joinS3Uri(base: string, ...parts: string[]): string {
  return [base.replace(/\/+$/, ''), ...parts.map((part) => part.replace(/^\/+|\/+$/g, ''))].join(
    '/',
  );
}

export async function listKeys(
  s3: S3Client,
  { bucket, key: prefix }: S3Location,
): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
    );
    for (const object of page.Contents ?? [])
      if (object.Key && !object.Key.endsWith('/')) keys.push(object.Key);
    token = page.NextContinuationToken;
  } while (token);
  return keys;
}

/** The folder a location names: its key with exactly one trailing `/`. */
export function folderOf(location: S3Location): string {
  return location.key.endsWith('/') ? location.key : `${location.key}/`;
}

/**
 * The keys a location grants: the object it names, or what lies in the folder it names, never a
 * sibling that merely starts with the same characters (`datasets/a` must not reach `datasets/ab/`).
 * The bucket root grants nothing: the API resolves every location before a job gets it.
 */
export async function keysAt(
  s3: S3Client,
  location: S3Location,
  field = 's3Uri',
): Promise<string[]> {
  if (location.key === '')
    throw new ValidationError(field, 'names the whole bucket; jobs read only inside a folder');
  const folder = folderOf(location);
  const keys = await listKeys(s3, location);
  return keys.filter((key) => key === location.key || key.startsWith(folder));
}

/**
 * Copies every object `uri` grants (see keysAt) into `directory`, keeping paths relative to the
 * folder; a URI that names one object lands as its file name. Returns the files written.
 */
export async function downloadPrefix(
  s3: S3Client,
  uri: string,
  directory: string,
): Promise<string[]> {
  const location = parseS3Uri(uri);
  const keys = await keysAt(s3, location);
  const base = folderOf(location);
  const written: string[] = [];
  for (const key of keys) {
    const relative = key === location.key ? path.posix.basename(key) : key.slice(base.length);
    const target = path.join(directory, ...relative.split('/'));
    await downloadObject(s3, { bucket: location.bucket, key }, target);
    written.push(target);
  }
  return written;
}

export async function downloadObject(
  s3: S3Client,
  location: S3Location,
  target: string,
): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const object = await s3.send(
    new GetObjectCommand({ Bucket: location.bucket, Key: location.key }),
  );
  await pipeline(object.Body as Readable, createWriteStream(target));
}

export async function getObjectBytes(s3: S3Client, location: S3Location): Promise<Uint8Array> {
  const object = await s3.send(
    new GetObjectCommand({ Bucket: location.bucket, Key: location.key }),
  );
  return object.Body ? await object.Body.transformToByteArray() : new Uint8Array();
}

export async function putObject(
  s3: S3Client,
  uri: string,
  body: Uint8Array | string,
  contentType?: string,
) {
  const { bucket, key } = parseS3Uri(uri);
  await s3.send(
    new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }),
  );
}

export async function uploadFile(
  s3: S3Client,
  file: string,
  uri: string,
  contentType?: string,
): Promise<void> {
  await putObject(s3, uri, await readFile(file), contentType);
}
