import { subjectFilterOf, type BridgeEvent } from '@bridge/contracts';
import { JetStreamBatchConsumer, type ReceivedEvent } from '@bridge/messaging';
import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { GenesysNamesStore, type NameChange } from '../persistence/genesys-names';

/**
 * Keeps the Genesys name object-mapping gives each CIC workgroup (the queue), skill and language, from the
 * desired documents on MAPPING; the CSV names queues, skills and languages as Genesys does.
 */
@Controller()
export class MappingNamesConsumer {
  constructor(@Inject(GenesysNamesStore) private readonly names: GenesysNamesStore) {}

  @JetStreamBatchConsumer({
    durable: 'historical-upload--names',
    stream: 'MAPPING',
    filterSubject: subjectFilterOf('MAPPING'),
    maxBatch: 500,
    ackWaitMs: 5_000,
  })
  async received(@Payload() received: readonly ReceivedEvent[]): Promise<void> {
    await this.names.store(received.flatMap(({ event }) => nameChangeOf(event) ?? []));
  }
}

/** The name a desired document gives, or its absence; none for the other documents on MAPPING. */
function nameChangeOf(event: BridgeEvent): NameChange | undefined {
  switch (event.type) {
    case 'MappingQueueDesired':
    case 'MappingSkillDesired':
    case 'MappingLanguageDesired': {
      const kind =
        event.type === 'MappingQueueDesired'
          ? 'queue'
          : event.type === 'MappingSkillDesired'
            ? 'skill'
            : 'language';
      const { data } = event;
      return { kind, key: data.key, name: data.state === 'present' ? data.document.name : undefined };
    }
    default:
      return undefined;
  }
}
