/**
 * The project rules of @mlspace/core's schemas, repeated for instant feedback while typing (the
 * portal imports API types only). The API checks the same rules and has the final word.
 */
export function projectNameProblem(name: string): string | null {
  return /^[A-Za-z0-9]{3,24}$/.test(name)
    ? null
    : 'must be 3 to 24 characters, letters and digits only';
}

export function descriptionProblem(description: string): string | null {
  return description.length <= 4000 ? null : 'must be at most 4000 characters';
}

export function groupNameProblem(name: string): string | null {
  return /^[A-Za-z0-9]{1,24}$/.test(name)
    ? null
    : 'must be 1 to 24 characters, letters and digits only';
}
