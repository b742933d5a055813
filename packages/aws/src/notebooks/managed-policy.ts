import {
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  DeletePolicyVersionCommand,
  EntityAlreadyExistsException,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  ListPolicyVersionsCommand,
  NoSuchEntityException,
  type IAMClient,
} from '@aws-sdk/client-iam';

import { UnavailableError } from '@mlspace/core';

import { maxManagedPolicyLength } from './project-user-policies';

/**
 * Creates the managed policy, or brings an existing one to `document` (a new default version, the
 * oldest other version removed when IAM's five are used), so grants follow the rules as they are
 * now: a group share added or removed since the role was made, a tightened scope.
 */
export async function ensurePolicy(
  iam: IAMClient,
  name: string,
  document: unknown,
  accountId: string,
  /** What would shorten the document, for the error when it is over IAM's limit. */
  howToShorten: string,
): Promise<string> {
  const text = JSON.stringify(document);
  if (text.length > maxManagedPolicyLength)
    throw new UnavailableError(
      `The IAM policy ${name} would be ${text.length} characters, over IAM's ${maxManagedPolicyLength}; ${howToShorten}`,
    );
  const arn = `arn:aws:iam::${accountId}:policy/${name}`;
  let defaultVersion = await defaultVersionOf(iam, arn);
  if (defaultVersion === null) {
    try {
      const created = await iam.send(
        new CreatePolicyCommand({ PolicyName: name, PolicyDocument: text }),
      );
      return created.Policy?.Arn ?? arn;
    } catch (error) {
      // Two first uses at once: the other request created it; bring it to this document below.
      if (!(error instanceof EntityAlreadyExistsException)) throw error;
      defaultVersion = await defaultVersionOf(iam, arn);
    }
  }
  const current = defaultVersion
    ? await iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: defaultVersion }))
    : undefined;
  const currentText = current?.PolicyVersion?.Document
    ? decodeURIComponent(current.PolicyVersion.Document)
    : '';
  if (sameDocument(currentText, text)) return arn;
  const versions =
    (await iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn }))).Versions ?? [];
  const others = versions.filter((version) => !version.IsDefaultVersion);
  if (versions.length >= 5 && others.length > 0) {
    const oldest = others.sort(
      (a, b) => (a.CreateDate?.getTime() ?? 0) - (b.CreateDate?.getTime() ?? 0),
    )[0]!;
    await iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: oldest.VersionId }));
  }
  await iam.send(
    new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: text, SetAsDefault: true }),
  );
  return arn;
}

/** The policy's default version id, or null when there is no such policy. */
async function defaultVersionOf(iam: IAMClient, arn: string): Promise<string | null> {
  try {
    const policy = await iam.send(new GetPolicyCommand({ PolicyArn: arn }));
    return policy.Policy?.DefaultVersionId ?? '';
  } catch (error) {
    if (error instanceof NoSuchEntityException) return null;
    throw error;
  }
}

function sameDocument(a: string, b: string): boolean {
  try {
    return JSON.stringify(JSON.parse(a)) === JSON.stringify(JSON.parse(b));
  } catch {
    return false;
  }
}
