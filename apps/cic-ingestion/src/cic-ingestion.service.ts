import { CicMirror, type AppliedDefault, type CicObjectChange, type Rejection } from '@bridge/cic-sync';
import { eventDefinitionOf } from '@bridge/contracts';
import type { IcwsIncoming } from '@bridge/icws-client';
import { stableUuid } from '@bridge/messaging';
import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CicEventLog } from './cic-event-log';
import { appendedEvents, rejectedInput, sessionsOpened } from './ingestion-metrics';

const RAW_LOG_LIMIT = 2_000;
/**
 * Events appended per transaction: a snapshot appended whole would hold a second copy of every object in memory
 * and keep the relay from publishing its first event until its last was written.
 */
const APPEND_CHUNK = 1_000;

/**
 * What cic-ingestion makes of CIC: known state is rebuilt from the event log at start (the log is the one source
 * of truth). Each session's first message per kind is a full snapshot, diffed against known state, so a
 * reconnect or switchover appends exactly what was missed, removals included; later messages are deltas. The
 * ICWS connection that calls it is cic-connection.ts.
 */
@Injectable()
export class CicIngestion {
  private readonly logger = new Logger('CicIngestion');
  private readonly mirror = new CicMirror(stableUuid);
  /** `kind.path` of the defaults already warned about: once per property for the life of the process. */
  private readonly defaultsWarned = new Set<string>();

  constructor(private readonly log: CicEventLog) {}

  /** Replays the whole event log into known state; returns how many events it read. */
  async rebuild(): Promise<number> {
    let count = 0;
    for await (const event of this.log.readAll()) {
      this.mirror.replay(event);
      count++;
    }
    this.logger.log(`known state rebuilt from ${count} logged events`);
    return count;
  }

  /** A new ICWS session: its first message per kind is a full snapshot again. */
  sessionOpened(): void {
    sessionsOpened.inc();
    this.mirror.startSession();
  }

  /** Appends the CIC events one ICWS message means; skips and logs what it cannot read. */
  async receive(incoming: IcwsIncoming): Promise<void> {
    if (!incoming.ok) return this.reject({ reason: incoming.reason, detail: 'not JSON', raw: incoming.raw });
    const decision = this.mirror.decide(incoming.message);
    decision.rejections.forEach((rejection) => this.reject(rejection));
    decision.defaults.forEach((applied) => this.warnDefault(applied));
    if (decision.events.length === 0) return;
    const correlationId = randomUUID();
    const occurredAt = new Date().toISOString();
    // Chunk by chunk, each appended then committed to the mirror: every event is one object's whole state, so
    // should a later chunk fail, the log and the mirror still agree on what was appended, and the next snapshot
    // (the client reconnects) brings the rest.
    for (let start = 0; start < decision.events.length; start += APPEND_CHUNK) {
      const chunk = decision.events.slice(start, start + APPEND_CHUNK);
      await this.log.record(
        chunk.map((event) => ({
          kind: event.kind,
          id: event.id,
          envelope: {
            id: event.eventId,
            type: event.type,
            schemaVersion: schemaVersionOf(event),
            occurredAt,
            source: 'cic-ingestion',
            correlationId,
            data: event.data,
          },
        })),
      );
      this.mirror.commit(chunk);
      chunk.forEach((event) => appendedEvents.inc({ type: event.type }));
    }
  }

  private reject(rejection: Rejection): void {
    rejectedInput.inc({ reason: rejection.reason });
    const raw =
      typeof rejection.raw === 'string' ? rejection.raw : (JSON.stringify(rejection.raw) ?? 'undefined');
    this.logger.warn(
      `skipped ${rejection.kind ?? 'message'}${rejection.id === undefined ? '' : ` ${rejection.id}`}: ` +
        `${rejection.reason} (${rejection.detail}); raw: ${raw.slice(0, RAW_LOG_LIMIT)}`,
    );
  }

  private warnDefault({ kind, property, id }: AppliedDefault): void {
    const key = `${kind}.${property.path}`;
    if (this.defaultsWarned.has(key)) return;
    this.defaultsWarned.add(key);
    this.logger.warn(
      `CIC sent a ${kind} without ${property.path} (first: ${id}); read as ${JSON.stringify(property.default) ?? 'unset'}, ` +
        `${property.meaning}. Warned once` +
        (property.inferred
          ? '; the name is inferred, so if no item ever has it the name may be wrong (libs/cic-sync/src/icws-names.ts)'
          : ''),
    );
  }
}

function schemaVersionOf(event: CicObjectChange): number {
  return eventDefinitionOf(event.type)?.schemaVersion ?? 1;
}
