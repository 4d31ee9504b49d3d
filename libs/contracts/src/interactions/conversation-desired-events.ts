import { z } from 'zod';
import { defineEvent } from '../envelope';
import { cicInteractionEvents } from './cic-interaction-events';
import { desiredConversationSchema } from './conversation-documents';

/**
 * The desired Genesys conversation of one CIC interaction (key: the CIC interaction id), published by
 * object-mapping after each interaction event, and again by a backfill. MAPPING keeps the newest per interaction; every document holds
 * all the conversation's events so far, so a consumer that missed one loses nothing.
 */
export const MappingConversationDesired = defineEvent({
  type: 'MappingConversationDesired',
  schemaVersion: 1,
  subject: 'mapping.conversation.desired',
  stream: 'MAPPING',
  schema: z.object({
    key: z.string().min(1),
    document: desiredConversationSchema,
    /**
     * Published by a backfill (OperatorMappingBackfill) from the event store: delivery sends every event of it
     * again, whatever it sent before.
     */
    backfill: z.literal(true).optional(),
  }),
  key: (data: { key: string }) => data.key,
});

/**
 * Interaction replication's events (issue 13): facts about interactions rather than configuration objects, so
 * they are not in the kind registry; they travel on the CIC and MAPPING streams like the others.
 */
export const interactionEvents = [...cicInteractionEvents, MappingConversationDesired] as const;
