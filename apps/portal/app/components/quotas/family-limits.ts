/** Instance-family limits as the quota editors show them: one `family = count` per line. */
export function familyLimitsText(limits: Record<string, number>): string {
  return Object.entries(limits)
    .map(([family, count]) => `${family} = ${count}`)
    .join('\n');
}

/** The lines back into limits, or what is wrong with the first line that does not read. */
export function parseFamilyLimits(text: string): Record<string, number> | string {
  const limits: Record<string, number> = {};
  for (const [index, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (line === '') continue;
    const match = /^([a-z0-9.-]+)\s*=\s*(\d+)$/.exec(line);
    if (!match?.[1] || !match[2])
      return `Instances per family, line ${index + 1}: write a family and a count, such as ml.g5 = 8`;
    limits[match[1]] = Number(match[2]);
  }
  return limits;
}
