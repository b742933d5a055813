/**
 * The models project-user roles may invoke, as IAM: the permission boundary allows Bedrock's
 * invoke actions on every foundation model of the region, and this generated policy, attached to
 * boundary-carrying project-user roles like the instance-type constraints, denies them on every
 * model the administrator did not allow (all of them while Bedrock is deactivated or none is
 * chosen). Converse and ConverseStream are authorized as InvokeModel and
 * InvokeModelWithResponseStream.
 */
export const bedrockInvokeActions = [
  'bedrock:InvokeModel',
  'bedrock:InvokeModelWithResponseStream',
] as const;

export function foundationModelArn(partition: string, region: string, modelId: string): string {
  return `arn:${partition}:bedrock:${region}::foundation-model/${modelId}`;
}

export function allowedModelsPolicy(options: {
  partition: string;
  region: string;
  /** Empty, or Bedrock deactivated: every model is denied. */
  allowedModelIds: readonly string[];
}): { Version: '2012-10-17'; Statement: Record<string, unknown>[] } {
  const allowed = [...new Set(options.allowedModelIds)].sort();
  return {
    Version: '2012-10-17',
    Statement: [
      allowed.length === 0
        ? {
            Sid: 'NoFoundationModels',
            Effect: 'Deny',
            Action: [...bedrockInvokeActions],
            Resource: '*',
          }
        : {
            Sid: 'OnlyAllowedFoundationModels',
            Effect: 'Deny',
            Action: [...bedrockInvokeActions],
            NotResource: allowed.map((id) =>
              foundationModelArn(options.partition, options.region, id),
            ),
          },
    ],
  };
}
