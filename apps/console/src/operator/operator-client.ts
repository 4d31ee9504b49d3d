import {
  operatorAnswerSchema,
  type OperatorAnswer,
  type OperatorCommandDefinition,
  type OperatorRequestOf,
  type OperatorResultOf,
} from '@bridge/contracts';
import type { NatsConnection, Topology } from '@bridge/messaging';

/**
 * Sends operator commands to the services that own them (NATS request/reply; the contract is libs/contracts
 * operator/): a clear answer every time, a service that does not answer included.
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
      const reply = await this.nats.request(this.topology.subject(command.subject), JSON.stringify(request), {
        timeout: this.timeoutMs,
      });
      const answer = operatorAnswerSchema(command.result).safeParse(reply.json());
      if (answer.success) return answer.data as OperatorAnswer<OperatorResultOf<C>>;
      return refusal(
        'internal',
        `${command.answeredBy} answered ${command.name} in a shape the console does not know`,
      );
    } catch (error) {
      return refusal(
        'unavailable',
        `${command.answeredBy} did not answer ${command.name}: ${messageOf(error)}`,
      );
    }
  }

  /** Every instance of the owning service answers (status reads); the answers that came within `waitMs`. */
  async readEvery<C extends OperatorCommandDefinition>(
    command: C,
    request: OperatorRequestOf<C>,
    waitMs: number,
  ): Promise<OperatorResultOf<C>[]> {
    const results: OperatorResultOf<C>[] = [];
    try {
      const replies = await this.nats.requestMany(
        this.topology.subject(command.subject),
        JSON.stringify(request),
        { strategy: 'timer', maxWait: waitMs },
      );
      for await (const reply of replies) {
        const answer = operatorAnswerSchema(command.result).safeParse(reply.json());
        if (answer.success && answer.data.ok) results.push(answer.data.result as OperatorResultOf<C>);
      }
    } catch {
      // No responders: the service is down, which the Health page shows as no instance.
    }
    return results;
  }
}

function refusal(code: 'internal' | 'unavailable', reason: string) {
  return { ok: false as const, refusal: { code, reason } };
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
