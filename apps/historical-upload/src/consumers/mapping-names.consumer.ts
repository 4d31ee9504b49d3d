import { subjectFilterOf, type BridgeEvent } from '@bridge/contracts';
import { JetStreamBatchConsumer, type ReceivedEvent } from '@bridge/messaging';
import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { GenesysNamesStore, type NameChange, type NamedKind } from '../persistence/genesys-names';

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
  if (event.type === 'MappingQueueDesired') return nameChange('queue', event.data);
  if (event.type === 'MappingSkillDesired') return nameChange('skill', event.data);
  if (event.type === 'MappingLanguageDesired') return nameChange('language', event.data);
  return undefined;
}

type NamedDesired =
  | { readonly key: string; readonly state: 'present'; readonly document: { readonly name: string } }
  | { readonly key: string; readonly state: 'absent' };

const nameChange = (kind: NamedKind, data: NamedDesired): NameChange => ({
  kind,
  key: data.key,
  name: data.state === 'present' ? data.document.name : undefined,
});
