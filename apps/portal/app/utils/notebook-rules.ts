/** The API's rules, repeated here so the form can say what is wrong before submitting. */
export function notebookNameProblem(name: string): string | null {
  if (!name) return 'A name is required';
  if (!/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(name)) {
    return 'Use 1 to 63 letters, digits and hyphens, not starting or ending with a hyphen';
  }
  return null;
}

export function volumeProblem(volume: number): string | null {
  if (!Number.isInteger(volume) || volume < 5 || volume > 16384)
    return 'Use a whole number of GB from 5 to 16384';
  return null;
}
