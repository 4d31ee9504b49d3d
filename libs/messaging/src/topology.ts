import { streams, type StreamDefinition, type StreamName } from '@bridge/contracts';

/**
 * Places the contracts' streams and subjects in a namespace, so several deployments (or test suites) share one
 * NATS server without seeing each other: namespace `t1` turns stream `CIC` into `t1_CIC` and subject
 * `cic.user.changed` into `t1.cic.user.changed`. The empty namespace leaves every name as the contracts say.
 */
export class Topology {
  constructor(readonly namespace: string) {}

  stream(name: StreamName): string {
    return this.namespace ? `${this.namespace}_${name}` : name;
  }

  subject(subject: string): string {
    return this.namespace ? `${this.namespace}.${subject}` : subject;
  }

  /** The contracts' spelling of a subject received on the wire. */
  contractSubject(subject: string): string {
    const prefix = `${this.namespace}.`;
    return this.namespace && subject.startsWith(prefix) ? subject.slice(prefix.length) : subject;
  }

  streamConfig(definition: StreamDefinition) {
    return {
      name: this.stream(definition.name),
      subjects: definition.subjects.map((subject) => this.subject(subject)),
      description: definition.description,
      max_msgs_per_subject: definition.maxMessagesPerSubject ?? -1,
    };
  }

  get streams(): readonly StreamDefinition[] {
    return streams;
  }
}
