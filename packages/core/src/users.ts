import * as z from 'zod';

/** Usernames come from the IdP's `preferred_username`; we keep a lowercase, URL-safe form. */
export function normaliseUsername(preferredUsername: string): string {
  return preferredUsername
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9._@-]/g, '-');
}

export const usernameSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(128, 'must be at most 128 characters')
  .regex(/^[a-z0-9._@-]+$/, 'may contain only lowercase letters, digits, ".", "_", "@" and "-"');

export const themeSchema = z.enum(['system', 'light', 'dark']);

export const userPreferencesSchema = z.object({
  timezone: z
    .string()
    .min(1)
    .refine(isKnownTimeZone, 'must be an IANA time zone such as Europe/Berlin'),
  theme: themeSchema,
  pageSize: z.union([z.literal(10), z.literal(25), z.literal(50), z.literal(100)]),
});
export type UserPreferences = z.infer<typeof userPreferencesSchema>;

export const defaultUserPreferences: UserPreferences = {
  timezone: 'UTC',
  theme: 'system',
  pageSize: 25,
};

function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** What every API response says about a user; never the raw stored item. */
export interface UserView {
  username: string;
  email: string;
  displayName: string;
  isAdmin: boolean;
  suspended: boolean;
  createdAt: string;
  lastLoginAt: string | null;
  /**
   * When the user's current sessions began (account creation, their last suspension or "sign out
   * everywhere"); a session started in an earlier epoch has ended.
   */
  sessionEpoch: string;
  preferences: UserPreferences;
  /** Set while the user is being deleted: they cannot sign in or call anything meanwhile. */
  deletion: UserDeletionView | null;
}

/** A user deletion that has not finished, for admins (the sweep carries it on). */
export interface UserDeletionView {
  requestedBy: string;
  requestedAt: string;
  /** How many times the deletion cascade has run (the request, then each sweep). */
  attempts: number;
  lastAttemptAt: string;
  /** Steps that failed on the last attempt, with the reason. */
  failures: { step: string; resource: string; reason: string }[];
}
