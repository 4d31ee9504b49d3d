import { z } from 'zod';

/**
 * `POST /sim/status-storm`. The bounds keep one request from asking the simulator for more than it could ever send
 * (one change a second per agent, a day at most).
 */
export const statusStormSchema = z
  .object({
    agents: z.number().int().min(1).max(1_000_000).optional(),
    changesPerMinute: z.number().positive().max(60),
    durationS: z.number().positive().max(86_400),
    seed: z.number().int().min(0).max(0xffffffff).default(1),
    statusIds: z.array(z.string().min(1).max(100)).min(2).max(500).optional(),
    onPhoneShare: z.number().min(0).max(1).default(0.5),
    /** Keep each applied change with its exact time for `GET /sim/status-storm/changes` (benchmarks). */
    recordChanges: z.boolean().default(false),
  })
  .strict();
