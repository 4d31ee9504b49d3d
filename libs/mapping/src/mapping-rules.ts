/**
 * The settings an admin may change about how CIC maps to Genesys Cloud. Changing them changes desired documents,
 * so object-mapping recomputes everything at start and publishes what differs.
 */
export interface MappingRules {
  /**
   * Upper bounds (inclusive) of CIC proficiency for ratings 1, 2, 3, 4 (5 is everything above the last bound).
   * Default [20, 40, 60, 80]: rating = ceil(proficiency / 20).
   */
  readonly ratingBands: readonly [number, number, number, number];
  /** Workgroups whose id starts with `_` are CIC's own (e.g. `_Supervisors`); left out unless set. */
  readonly includeSystemWorkgroups: boolean;
  /** Workgroups with no ACD queue (Queue Type "None") have nothing to route; left out unless set. */
  readonly includeWorkgroupsWithoutQueue: boolean;
  /** Workgroups marked inactive route nothing in CIC; left out unless set. */
  readonly includeInactiveWorkgroups: boolean;
  /** Sync User Objects (reference §1.1). Off: user documents are published absent with `syncOptionOff`. */
  readonly syncUsers: boolean;
  /**
   * Sync Advanced Platform Objects: queues, skills, languages and wrap-up codes here, and agent presence in
   * @bridge/presence-mapping. Only with users (object-mapping refuses to start otherwise).
   */
  readonly syncPlatformObjects: boolean;
}

export const defaultMappingRules: MappingRules = Object.freeze({
  ratingBands: [20, 40, 60, 80] as const,
  includeSystemWorkgroups: false,
  includeWorkgroupsWithoutQueue: false,
  includeInactiveWorkgroups: false,
  syncUsers: true,
  syncPlatformObjects: true,
});
