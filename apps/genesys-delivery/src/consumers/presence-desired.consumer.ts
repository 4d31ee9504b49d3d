import { MappingPresenceDesired, type BridgeEvent } from '@bridge/contracts';
import { JetStreamBatchConsumer, type ReceivedEvent } from '@bridge/messaging';
import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Presences, type DesiredUserPresence } from '../persistence/presences';
import { PresenceLane } from '../presence/presence-lane';

/**
 * Stores the latest desired presence per user and wakes the presence lane. Batches of up to 500 (whatever has
 * arrived) in one statement: a status storm brings hundreds a second, and a burst to one user leaves one row.
 */
@Controller()
export class PresenceDesiredConsumer {
  constructor(
    @Inject(Presences) private readonly presences: Presences,
    @Inject(PresenceLane) private readonly lane: PresenceLane,
  ) {}

  @JetStreamBatchConsumer({
    durable: 'genesys-delivery--presence-desired',
    stream: 'MAPPING',
    filterSubject: `${MappingPresenceDesired.subject}.>`,
    maxBatch: 500,
    ackWaitMs: 5_000,
  })
  async received(@Payload() received: readonly ReceivedEvent[]): Promise<void> {
    await this.presences.store(
      received.flatMap(({ event, trace }) => {
        const presence = desiredPresenceOf(event);
        return presence ? [{ ...presence, trace }] : [];
      }),
    );
    this.lane.wake();
  }
}

/** The desired presence a mapping event carries; none for any other event (the type narrows the data). */
function desiredPresenceOf(event: BridgeEvent): DesiredUserPresence | undefined {
  if (event.type !== 'MappingPresenceDesired') return undefined;
  const { data } = event;
  return {
    key: data.key,
    desired:
      data.state === 'present'
        ? { present: true, document: data.document }
        : { present: false, reason: data.reason },
  };
}
