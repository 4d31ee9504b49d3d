import type {
  OperatorAnswer,
  OperatorCommandDefinition,
  OperatorRequestOf,
  OperatorResultOf,
} from '@bridge/contracts';
import {
  sendOperatorCommand,
  sendOperatorCommandToEvery,
  type NatsConnection,
  type Topology,
} from '@bridge/messaging';

/**
 * Sends operator commands to the services that own them (NATS request/reply; the contract is libs/contracts
 * operator/): a clear answer every time, a service that does not answer or answers nonsense included.
 */
export class OperatorClient {
  constructor(
    private readonly nats: NatsConnection,
    private readonly topology: Topology,
    private readonly timeoutMs: number,
  ) {}

  /** One instance of the owning service answers (commands and reads of shared state). */
  async send<C extends OperatorCommandDefinition>(
    command: C,
    request: OperatorRequestOf<C>,
  ): Promise<OperatorAnswer<OperatorResultOf<C>>> {
    try {
      return await sendOperatorCommand(this.nats, this.topology, command, request, this.timeoutMs);
    } catch (error) {
      const reason = `${command.answeredBy} answered ${command.subject} in a shape the console does not know: ${
        error instanceof Error ? error.message.slice(0, 200) : String(error)
      }`;
      return { ok: false, refusal: { code: 'internal', reason } };
    }
  }

  /** Every instance of the owning service answers (status reads): the results that came within `waitMs`. */
  async readEvery<C extends OperatorCommandDefinition>(
    command: C,
    request: OperatorRequestOf<C>,
    waitMs: number,
  ): Promise<OperatorResultOf<C>[]> {
    try {
      const answers = await sendOperatorCommandToEvery(this.nats, this.topology, command, request, waitMs);
      return answers.flatMap((answer) => (answer.ok ? [answer.result] : []));
    } catch {
      // An answer the console cannot read counts as no answer: the Health page shows the instance missing.
      return [];
    }
  }
}
