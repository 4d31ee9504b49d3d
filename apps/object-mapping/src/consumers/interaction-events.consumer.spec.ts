import {
  cicInteractionEvents,
  type BridgeEvent,
  type CicInteraction,
  type Envelope,
} from '@bridge/contracts';
import type { EventPublisher, ReceivedEvent } from '@bridge/messaging';
import { InteractionEventsConsumer } from './interaction-events.consumer';

const at = (second: number) => `2026-12-01T12:00:${String(second).padStart(2, '0')}.000Z`;
const type = cicInteractionEvents[0]?.type ?? '';

/** The interaction as its CIC event `sequence` carries it: one more segment step per event. */
function received(sequence: number, state: CicInteraction['state']): ReceivedEvent {
  const interaction: CicInteraction = {
    interactionId: '1001',
    mediaType: 'call',
    direction: 'inbound',
    state,
    remoteAddress: '+13175550101',
    localAddress: '+13175550000',
    initiatedAt: at(0),
    segments: [{ workgroupId: 'Sales', enteredQueueAt: at(0), skills: [], holds: [] }],
  };
  return {
    event: { id: `cic-${sequence}`, type, data: { interaction } } as unknown as BridgeEvent,
    streamSequence: sequence,
    storedAtNanos: BigInt(sequence),
    deliveryCount: 1,
    subject: cicInteractionEvents[0]?.subject ?? '',
    trace: {},
  };
}

describe('InteractionEventsConsumer', () => {
  it('maps no CIC event older than one it mapped for the interaction: a redelivery after a crash', async () => {
    const published: string[] = [];
    const publisher = {
      publish: async (envelope: Envelope) => {
        published.push(String(envelope.causationId));
      },
    } as unknown as EventPublisher;
    const consumer = new InteractionEventsConsumer(publisher);
    await consumer.received([received(100, 'alerting'), received(105, 'connected')]);
    await consumer.received([received(110, 'ended')]);
    // The crashed instance's unacked batch comes back after its ack wait, after the newer event.
    await consumer.received([received(100, 'alerting'), received(105, 'connected')]);
    expect(published).toEqual(['cic-100', 'cic-105', 'cic-110']);
  });
});
