/** Every AWS resource MLSpace creates carries these tags, so cost reports and IAM conditions can find it. */
export interface ResourceTagInput {
  project: string;
  user: string;
  systemTag: string;
}

export function resourceTags({
  project,
  user,
  systemTag,
}: ResourceTagInput): Array<{ Key: string; Value: string }> {
  return [
    { Key: 'project', Value: project },
    { Key: 'user', Value: user },
    { Key: 'system', Value: systemTag },
  ];
}
