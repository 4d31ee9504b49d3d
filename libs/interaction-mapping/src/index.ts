/**
 * Interaction replication (issue 13) as pure rules: a CIC interaction → the Genesys conversation events that
 * replicate it, with deterministic ids. See README.md.
 */
export { conversationIdOf, conversationOf, type StableUuid } from './conversation-of';
