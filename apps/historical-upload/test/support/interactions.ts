import { randomUUID } from 'node:crypto';
import {
  cicInteractionStreamId,
  CicInteractionWrappedUp,
  CicInteractionDisconnected,
  CicInteractionStarted,
  type AnyEventDefinition,
  type CicInteraction,
  type CicSegment,
  type Envelope,
  type EventData,
} from '@bridge/contracts';
import { envelopeToNewEvent, PostgresEventStore } from '@bridge/event-store';
import { openDatabase } from '@bridge/postgres';
import type { Isolation } from '@bridge/testing';
import type { DataSource } from 'typeorm';

/** An ACD call of one workgroup segment, typed from the contracts (a schema change breaks it). */
export function aCall(id: string, segment: Partial<CicSegment> & { workgroupId: string }): CicInteraction {
  return {
    interactionId: id,
    mediaType: 'call',
    direction: 'inbound',
    state: 'ended',
    initiatedAt: segment.enteredQueueAt ?? new Date().toISOString(),
    segments: [{ skills: [], holds: [], ...segment }],
  };
}

/** A fresh envelope of one event, as its producer would make it. */
export function anEnvelope<D extends AnyEventDefinition>(definition: D, data: EventData<D>): Envelope {
  const id = randomUUID();
  return {
    id,
    type: definition.type,
    schemaVersion: definition.schemaVersion,
    occurredAt: new Date().toISOString(),
    source: 'test',
    correlationId: id,
    data,
  };
}

/** The suite's side of the event store: appends interaction events as cic-ingestion would. */
export class InteractionLog {
  private readonly store: PostgresEventStore;

  private constructor(
    private readonly db: DataSource,
    private readonly schema: string,
  ) {
    this.store = new PostgresEventStore(db, schema);
  }

  /** Opens the isolation's event store (historical-upload has migrated it by then). */
  static async open(isolation: Isolation): Promise<InteractionLog> {
    const db = await openDatabase({ url: isolation.databaseUrl, schema: isolation.schema, poolSize: 2 }, []);
    return new InteractionLog(db, isolation.schema);
  }

  /** Records an interaction's start (still queued) and its end, as two events of its stream. */
  async record(interaction: CicInteraction): Promise<void> {
    const queued: CicInteraction = {
      ...interaction,
      state: 'queued',
      segments: interaction.segments.map(({ workgroupId, enteredQueueAt, skills, language }) => ({
        workgroupId,
        skills,
        holds: [],
        ...(enteredQueueAt ? { enteredQueueAt } : {}),
        ...(language ? { language } : {}),
      })),
    };
    const last = interaction.segments.at(-1)?.afterCallWork
      ? CicInteractionWrappedUp
      : CicInteractionDisconnected;
    const events = [
      { definition: CicInteractionStarted, data: { interaction: queued } },
      { definition: last, data: { interaction } },
    ].map(({ definition, data }) => envelopeToNewEvent(anEnvelope(definition, data)));
    await this.store.append(cicInteractionStreamId(interaction.interactionId), 'any', events);
  }

  /** The position of the log's last event. */
  async lastPosition(): Promise<number> {
    const [row] = await this.db.query<{ position: string | null }[]>(
      `SELECT max(position) AS position FROM "${this.schema}".events`,
    );
    return Number(row?.position ?? 0);
  }

  close(): Promise<void> {
    return this.db.destroy();
  }
}
