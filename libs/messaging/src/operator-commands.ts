import {
  operatorAnswerSchema,
  operatorLimits,
  type OperatorAnswer,
  type OperatorCommandDefinition,
  type OperatorRefusal,
  type OperatorRequestOf,
  type OperatorResultOf,
} from '@bridge/contracts';
import type { Msg, NatsConnection, Subscription } from '@nats-io/nats-core';
import { Logger } from '@nestjs/common';
import { z } from 'zod';
import type { Topology } from './topology';

/** What a command's handler answers: its result, or a refusal with the reason. */
export type OperatorHandler<C extends OperatorCommandDefinition> = (
  request: OperatorRequestOf<C>,
) => Promise<OperatorAnswer<OperatorResultOf<C>>>;

const audit = new Logger('OperatorAudit');
const encoder = new TextEncoder();

/** Text of a value for an audit line: JSON, cut short so a bulk answer cannot flood the log. */
function brief(value: unknown): string {
  const text = JSON.stringify(value) ?? '-';
  return text.length > 500 ? `${text.slice(0, 500)}… (${text.length} characters)` : text;
}

export function refusal(
  code: OperatorRefusal['code'],
  reason: string,
  at: Pick<OperatorRefusal, 'field' | 'record'> = {},
): { ok: false; refusal: OperatorRefusal } {
  return { ok: false, refusal: { code, reason, ...at } };
}

/**
 * Answers operator commands (libs/contracts, `operator/`) on NATS request/reply for one service: each request is
 * size-checked and validated (a refusal names the field), handed to its handler, and answered. A state-changing
 * command and every refusal leave an `OperatorAudit` line with the operator's name, as the HTTP operator
 * endpoints do. Commands one instance answers use the queue group `<service>--operator`.
 */
export class OperatorCommandServer {
  private readonly subscriptions: Subscription[] = [];

  constructor(
    private readonly nats: NatsConnection,
    private readonly topology: Topology,
    private readonly service: string,
  ) {}

  serve<C extends OperatorCommandDefinition>(command: C, handler: OperatorHandler<C>): void {
    const subject = this.topology.subject(command.subject);
    const subscription = this.nats.subscribe(subject, {
      ...(command.answeredByEvery ? {} : { queue: `${this.service}--operator` }),
      callback: (error, message) => {
        if (error) return;
        void this.answer(command, handler, message);
      },
    });
    this.subscriptions.push(subscription);
  }

  /** Stops answering; requests in flight still get their answers. */
  async close(): Promise<void> {
    await Promise.allSettled(this.subscriptions.map((subscription) => subscription.drain()));
  }

  private async answer<C extends OperatorCommandDefinition>(
    command: C,
    handler: OperatorHandler<C>,
    message: Msg,
  ): Promise<void> {
    const answer = await this.handle(command, handler, message.data);
    message.respond(encoder.encode(JSON.stringify(answer)));
  }

  private async handle<C extends OperatorCommandDefinition>(
    command: C,
    handler: OperatorHandler<C>,
    data: Uint8Array,
  ): Promise<OperatorAnswer<OperatorResultOf<C>>> {
    const action = `operator command ${command.subject}`;
    if (data.length > operatorLimits.requestBytes) {
      audit.warn(`${action} refused: ${data.length} bytes`);
      return refusal('invalid', `the request is larger than ${operatorLimits.requestBytes} bytes`);
    }
    let body: unknown;
    try {
      body = JSON.parse(new TextDecoder().decode(data));
    } catch {
      audit.warn(`${action} refused: not JSON`);
      return refusal('invalid', 'the request is not JSON');
    }
    const parsed = command.request.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join('.') || undefined;
      audit.warn(`${action} refused: ${z.prettifyError(parsed.error)}`);
      return refusal('invalid', z.prettifyError(parsed.error), field ? { field } : {});
    }
    const request = parsed.data as OperatorRequestOf<C>;
    const { operator, ...args } = request as { operator: string };
    const by = `${action} by ${brief(operator)} with ${brief(args)}`;
    try {
      const answer = await handler(request);
      if (!answer.ok) audit.warn(`${by}: refused, ${answer.refusal.code} ${answer.refusal.reason}`);
      else if (command.changesState) audit.warn(`${by}: done, ${brief(answer.result)}`);
      return answer;
    } catch (error) {
      audit.warn(`${by}: failed, ${error instanceof Error ? error.message : String(error)}`);
      return refusal('internal', `${this.service} failed to carry it out; its log has the details`);
    }
  }
}

/**
 * Sends one operator command and reads the answer. No instance answering (or none in time) is an `unavailable`
 * refusal naming the service, not an exception: the caller shows it like any other refusal.
 */
export async function sendOperatorCommand<C extends OperatorCommandDefinition>(
  nats: NatsConnection,
  topology: Topology,
  command: C,
  request: OperatorRequestOf<C>,
  timeoutMs = 10_000,
): Promise<OperatorAnswer<OperatorResultOf<C>>> {
  let reply: Msg;
  try {
    reply = await nats.request(topology.subject(command.subject), JSON.stringify(request), {
      timeout: timeoutMs,
    });
  } catch (error) {
    return refusal(
      'unavailable',
      `${command.answeredBy} did not answer ${command.subject}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return operatorAnswerSchema(command.result).parse(reply.json()) as OperatorAnswer<OperatorResultOf<C>>;
}

/** Sends a command every instance answers (a status read) and collects the answers that come within `waitMs`. */
export async function sendOperatorCommandToEvery<C extends OperatorCommandDefinition>(
  nats: NatsConnection,
  topology: Topology,
  command: C,
  request: OperatorRequestOf<C>,
  waitMs = 500,
): Promise<OperatorAnswer<OperatorResultOf<C>>[]> {
  const answers: OperatorAnswer<OperatorResultOf<C>>[] = [];
  const replies = await nats.requestMany(topology.subject(command.subject), JSON.stringify(request), {
    strategy: 'timer',
    maxWait: waitMs,
  });
  const schema = operatorAnswerSchema(command.result);
  try {
    for await (const reply of replies) {
      if (reply.data.length === 0) break;
      answers.push(schema.parse(reply.json()) as OperatorAnswer<OperatorResultOf<C>>);
    }
  } catch {
    // No responders: nobody runs the service; the empty list says so.
  }
  return answers;
}
