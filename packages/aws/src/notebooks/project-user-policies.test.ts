import { expect, test } from 'vitest';

import { projectPolicyDocument, userPolicyDocument } from './project-user-policies';

const bucket = 'mlspace-data';

type Statement = {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
};

/** Every (action, resource) pair a document allows on S3, as `action resource` lines. */
function s3Grants(document: { Statement: Statement[] }): string[] {
  return document.Statement.filter((statement) => statement.Effect === 'Allow').flatMap(
    (statement) =>
      [statement.Action]
        .flat()
        .filter((action) => action.startsWith('s3:'))
        .flatMap((action) =>
          [statement.Resource].flat().map((resource) => `${action} ${resource}`),
        ),
  );
}

function listedPrefixes(document: { Statement: Statement[] }): string[] {
  return document.Statement.filter((statement) => statement.Action === 's3:ListBucket').flatMap(
    (statement) => [statement.Condition?.StringLike?.['s3:prefix'] ?? []].flat(),
  );
}

test("a project role reads and writes its own project's prefix and nothing else in S3", () => {
  const document = projectPolicyDocument('vision', bucket);
  expect(s3Grants(document).sort()).toEqual([
    's3:GetObject arn:aws:s3:::mlspace-data/project/vision/*',
    's3:ListBucket arn:aws:s3:::mlspace-data',
    's3:PutObject arn:aws:s3:::mlspace-data/project/vision/*',
    's3:PutObjectTagging arn:aws:s3:::mlspace-data/project/vision/*',
  ]);
  expect(listedPrefixes(document)).toEqual(['project/vision/*']);
});

test('a user role reads global datasets but cannot write or delete them (uploads go through the portal)', () => {
  const grants = s3Grants(userPolicyDocument('alice', bucket, []));
  expect(grants).toContain('s3:GetObject arn:aws:s3:::mlspace-data/global/*');
  expect(
    grants.filter((grant) => grant.includes('/global/') && !grant.startsWith('s3:GetObject')),
  ).toEqual([]);
});

test("a user role owns its private prefix only: never another user's private datasets", () => {
  const document = userPolicyDocument('alice', bucket, []);
  const grants = s3Grants(document);
  for (const action of ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'])
    expect(grants).toContain(`${action} arn:aws:s3:::mlspace-data/private/alice/*`);
  expect(
    grants.filter((grant) => grant.includes('/private/') && !grant.includes('/private/alice/')),
  ).toEqual([]);
  expect(JSON.stringify(document)).not.toContain('private/*');
});

test('a user role reaches exactly the group datasets shared with its groups, listed by prefix', () => {
  const document = userPolicyDocument('alice', bucket, [
    'group/datasets/shared/',
    'group/datasets/other/',
  ]);
  const grants = s3Grants(document);
  expect(grants).toContain('s3:GetObject arn:aws:s3:::mlspace-data/group/datasets/shared/*');
  expect(grants).toContain('s3:PutObject arn:aws:s3:::mlspace-data/group/datasets/other/*');
  expect(
    grants.some((grant) => grant.endsWith('/group/*') || grant.endsWith('/group/datasets/*')),
  ).toBe(false);
  expect(listedPrefixes(document).sort()).toEqual([
    'global/*',
    'group/datasets/other/*',
    'group/datasets/shared/*',
    'private/alice/*',
  ]);
});

test('a user role without group shares gets no group grant at all', () => {
  const document = userPolicyDocument('alice', bucket, []);
  expect(JSON.stringify(document)).not.toContain('group/');
});

test('ListBucket is never granted without an s3:prefix condition (no listing of the whole bucket)', () => {
  for (const document of [
    projectPolicyDocument('vision', bucket),
    userPolicyDocument('alice', bucket, ['group/datasets/shared/']),
  ]) {
    const lists = document.Statement.filter((statement) => statement.Action === 's3:ListBucket');
    expect(lists.length).toBe(1);
    for (const statement of lists)
      expect(listedPrefixes({ Statement: [statement] }).length).toBeGreaterThan(0);
  }
});

test('a group prefix that is not one dataset folder is refused instead of widening the grant', () => {
  for (const prefix of ['group/', 'group/datasets/', 'group/datasets/*/', 'group/datasets/a/../'])
    expect(() => userPolicyDocument('alice', bucket, [prefix])).toThrow(
      /not a group dataset prefix/,
    );
});
