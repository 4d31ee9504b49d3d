import { z } from 'zod';

const share = z.number().min(0).max(1);

/**
 * `POST /sim/traffic`. The bounds keep one request within what the simulator could ever serve (a thousand new
 * interactions a second, a day at most).
 */
export const trafficSchema = z
  .object({
    ratePerSecond: z.number().positive().max(1_000),
    durationS: z.number().positive().max(86_400),
    seed: z.number().int().min(0).max(0xffffffff).default(1),
    /** Stops after this many interactions, even before the duration is over. */
    interactions: z.number().int().positive().max(10_000_000).optional(),
    mix: z
      .object({
        call: z.number().min(0),
        chat: z.number().min(0),
        email: z.number().min(0),
        callback: z.number().min(0),
      })
      .strict()
      .default({ call: 70, chat: 15, email: 10, callback: 5 }),
    shares: z
      .object({
        outbound: share.default(0.1),
        hold: share.default(0.3),
        transferToUser: share.default(0.1),
        transferToWorkgroup: share.default(0.05),
        conference: share.default(0.05),
        impatient: share.default(0.1),
      })
      .strict()
      .default({
        outbound: 0.1,
        hold: 0.3,
        transferToUser: 0.1,
        transferToWorkgroup: 0.05,
        conference: 0.05,
        impatient: 0.1,
      }),
    /** 1: lives of a real center (minutes); 0.01: seconds, for tests. */
    lifeScale: z.number().positive().max(10).default(1),
    /** How long an ended interaction stays in its queue. */
    lingerS: z.number().min(0).max(3_600).default(30),
    /** The first N workgroups by id that can take traffic; all when absent. */
    workgroups: z.number().int().min(1).max(100_000).optional(),
    /**
     * The traffic's own clock: where it starts (a past day, for history) and how many times faster than real time
     * it runs (a day's traffic in seconds, for tests). Every step happens at its plan time on this clock.
     */
    clock: z
      .object({ startAt: z.iso.datetime().optional(), speed: z.number().positive().max(100_000).default(1) })
      .strict()
      .optional(),
  })
  .strict();
export type TrafficRequest = z.infer<typeof trafficSchema>;
