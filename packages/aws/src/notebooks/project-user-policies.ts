/**
 * The policy documents of a project-user role: the same dataset scopes the API's data-plane gate
 * enforces (docs/authorization.md), so a notebook or job that talks to S3 directly reaches no more
 * than the portal would let its user reach.
 *
 * - project/<project>/*: read and write (the project's datasets and its output folders);
 * - global/*: read (uploads to global datasets go through the portal, which checks the policy);
 * - private/<user>/*: read, write and delete (only the creator uses a private dataset);
 * - group/datasets/<dataset>/*: read and write, for each group dataset shared with a group of the user.
 *
 * Deleting files of shared datasets is the creator's or an admin's right, which IAM cannot tell
 * apart, so only private prefixes allow s3:DeleteObject.
 */

/** IAM's limit for a managed policy document, without whitespace. */
export const maxManagedPolicyLength = 6144;

const readActions = ['s3:GetObject'];
const writeActions = ['s3:GetObject', 's3:PutObject', 's3:PutObjectTagging'];
const ownActions = [...writeActions, 's3:DeleteObject'];

const objects = (bucket: string, prefix: string) => `arn:aws:s3:::${bucket}/${prefix}*`;

function listStatement(bucket: string, prefixes: readonly string[]) {
  return {
    Sid: 'ListOnlyGrantedPrefixes',
    Effect: 'Allow',
    Action: 's3:ListBucket',
    Resource: `arn:aws:s3:::${bucket}`,
    Condition: { StringLike: { 's3:prefix': prefixes.map((prefix) => `${prefix}*`) } },
  };
}

/** What a role may do in its project: its prefix, and SageMaker only on resources tagged with it. */
export function projectPolicyDocument(project: string, bucket: string) {
  const prefix = `project/${project}/`;
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'ProjectData',
        Effect: 'Allow',
        Action: writeActions,
        Resource: objects(bucket, prefix),
      },
      { ...listStatement(bucket, [prefix]), Sid: 'ListProjectData' },
      {
        Effect: 'Deny',
        Action: [
          'sagemaker:Create*',
          'sagemaker:Describe*',
          'sagemaker:Stop*',
          'sagemaker:Delete*',
          'sagemaker:Invoke*',
        ],
        Resource: '*',
        Condition: {
          StringNotEqualsIfExists: {
            'aws:RequestTag/project': project,
            'aws:ResourceTag/project': project,
          },
        },
      },
    ],
  };
}

/**
 * What a role may do as its user, in every project: global datasets (read), the user's private
 * datasets, and the group datasets shared with the user's groups (`group/datasets/<name>/`).
 */
export function userPolicyDocument(
  username: string,
  bucket: string,
  groupDatasetPrefixes: readonly string[],
) {
  const privatePrefix = `private/${username}/`;
  const groupPrefixes = [...new Set(groupDatasetPrefixes)].sort();
  for (const prefix of groupPrefixes) {
    if (!/^group\/datasets\/[A-Za-z0-9-]{1,255}\/$/.test(prefix))
      throw new Error(`${JSON.stringify(prefix)} is not a group dataset prefix`);
  }
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'GlobalDatasets',
        Effect: 'Allow',
        Action: readActions,
        Resource: objects(bucket, 'global/'),
      },
      {
        Sid: 'PrivateDatasets',
        Effect: 'Allow',
        Action: ownActions,
        Resource: objects(bucket, privatePrefix),
      },
      ...(groupPrefixes.length > 0
        ? [
            {
              Sid: 'SharedGroupDatasets',
              Effect: 'Allow',
              Action: writeActions,
              Resource: groupPrefixes.map((prefix) => objects(bucket, prefix)),
            },
          ]
        : []),
      listStatement(bucket, ['global/', privatePrefix, ...groupPrefixes]),
      {
        Effect: 'Deny',
        Action: ['sagemaker:Create*', 'sagemaker:Stop*', 'sagemaker:Delete*'],
        Resource: '*',
        Condition: {
          StringNotEqualsIfExists: {
            'aws:RequestTag/user': username,
            'aws:ResourceTag/user': username,
          },
        },
      },
    ],
  };
}
