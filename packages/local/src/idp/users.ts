import { createHash, timingSafeEqual } from 'node:crypto';

export interface DevUser {
  username: string;
  password: string;
  email: string;
  name: string;
}

/** The people the development IdP knows on a fresh clone; printed at start so anyone can sign in. */
export const seededDevUsers: DevUser[] = [
  { username: 'admin', password: 'mlspace', email: 'admin@example.com', name: 'Administrator' },
  { username: 'alice', password: 'mlspace', email: 'alice@example.com', name: 'Alice Liddell' },
  { username: 'bob', password: 'mlspace', email: 'bob@example.com', name: 'Bob Builder' },
  { username: 'carol', password: 'mlspace', email: 'carol@example.com', name: 'Carol Danvers' },
];

export function findDevUser(users: DevUser[], username: string): DevUser | undefined {
  return users.find((user) => user.username === username);
}

/** Returns the user only when the password matches; hashing first keeps the comparison constant-time. */
export function authenticateDevUser(
  users: DevUser[],
  username: string,
  password: string,
): DevUser | undefined {
  const user = findDevUser(users, username.trim());
  const expected = digest(user?.password ?? '');
  const matches = timingSafeEqual(digest(password), expected);
  return user && matches ? user : undefined;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
