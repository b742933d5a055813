import * as z from 'zod';

import { idleTimeoutMinutesSchema } from '../idle-stop/rules';
import { isKnownTimeZone } from './time';

/** "HH:MM", 24-hour clock. */
export const timeOfDaySchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day as HH:MM (24-hour clock)');

export const timeZoneSchema = z
  .string()
  .min(1, 'must not be empty')
  .refine(isKnownTimeZone, 'must be an IANA time zone such as Europe/Berlin');

/** A daily stop at a wall-clock time in a time zone (so it follows daylight saving). */
export const dailyStopSchema = z.object({ time: timeOfDaySchema, timeZone: timeZoneSchema });
export type DailyStop = z.infer<typeof dailyStopSchema>;

const ttlHoursSchema = z
  .number()
  .int('must be a whole number of hours')
  .min(1, 'must be at least 1 hour')
  .max(24 * 365, 'must be at most 8760 hours (a year)')
  .nullable();

/**
 * A project's cost controls; the override switches are booleans, enforced on the server.
 * `null` means "no schedule" for that kind.
 */
export const costControlsSchema = z.object({
  notebook: z.object({
    dailyStop: dailyStopSchema.nullable(),
    /** Stop a notebook after this many minutes without activity; absent in older settings = off. */
    idleTimeoutMinutes: idleTimeoutMinutesSchema.optional(),
    ownerMayOverride: z.boolean(),
  }),
  endpoint: z.object({ ttlHours: ttlHoursSchema, ownerMayOverride: z.boolean() }),
  emrCluster: z.object({ ttlHours: ttlHoursSchema, ownerMayOverride: z.boolean() }),
});
export type CostControls = z.infer<typeof costControlsSchema>;

export const noCostControls: CostControls = {
  notebook: { dailyStop: null, idleTimeoutMinutes: null, ownerMayOverride: false },
  endpoint: { ttlHours: null, ownerMayOverride: false },
  emrCluster: { ttlHours: null, ownerMayOverride: false },
};

export const updateCostControlsInputSchema = costControlsSchema.extend({
  project: z
    .string()
    .regex(/^[A-Za-z0-9]{3,24}$/, 'must be 3 to 24 characters, letters and digits only'),
});

/** A resource's own schedule: a notebook's daily stop, an endpoint's or cluster's termination instant. */
export const rescheduleInputSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('notebook'),
    name: z.string().min(1).max(63),
    dailyStop: dailyStopSchema.nullable(),
    /** The notebook's own idle timeout; absent keeps it. */
    idleTimeoutMinutes: idleTimeoutMinutesSchema.optional(),
  }),
  z.object({
    kind: z.literal('endpoint'),
    name: z.string().min(1).max(63),
    terminateAt: z.iso.datetime({ offset: true }).nullable(),
  }),
  z.object({
    kind: z.literal('emrCluster'),
    name: z.string().min(1).max(63),
    terminateAt: z.iso.datetime({ offset: true }).nullable(),
  }),
]);
export type RescheduleInput = z.infer<typeof rescheduleInputSchema>;
