/**
 * The CIC → Genesys Cloud mapping rules (DESIGN §1) as pure functions: a projection of CIC state (`evolve`),
 * the desired document of each Genesys target (`desiredStateOf`), and the targets one CIC event can change
 * (`affectedTargets`). No I/O; see README.md.
 */
export { evolve, initialCicState, type CicState } from './cic-state';
export { affectedTargets } from './affected-targets';
export { allTargets, desiredDocuments, desiredStateOf, kindSynced, needsPublishing } from './desired-state';
export { defaultMappingRules, type MappingRules } from './mapping-rules';
export { ratingOf, type Rating } from './rating';
export {
  parseTargetId,
  targetId,
  type DesiredNamedState,
  type DesiredQueueState,
  type DesiredState,
  type DesiredUserState,
  type Target,
} from './target';
export { userIneligibility } from './user-mapping';
export { workgroupIneligibility } from './queue-mapping';
