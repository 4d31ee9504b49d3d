import {
  OperatorDeletionsConfirm,
  OperatorQuarantineRelease,
  OperatorReprovisionStart,
  OperatorSyncPause,
  OperatorSyncResume,
  targetKinds,
  type OperatorAnswer,
  type OperatorCommandDefinition,
  type OperatorResultOf,
  type TargetKind,
} from '@bridge/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { Audit } from '../http/audit';
import { ProjectionFeed } from '../projection/projection-feed';
import { OperatorClient } from './operator-client';

/** The state-changing commands an operator may send from the console. */
export const consoleCommands = {
  'deletions/confirm': OperatorDeletionsConfirm,
  'quarantine/release': OperatorQuarantineRelease,
  reprovision: OperatorReprovisionStart,
  'sync/pause': OperatorSyncPause,
  'sync/resume': OperatorSyncResume,
} as const satisfies Record<string, OperatorCommandDefinition>;

export type ConsoleCommandName = keyof typeof consoleCommands;

/**
 * Sends an operator's command with their name, and writes the audit line of what was asked and how it ended.
 * The request is checked against the contract here first, so a malformed one never leaves the console.
 */
@Injectable()
export class OperatorActions {
  constructor(
    @Inject(OperatorClient) private readonly client: OperatorClient,
    @Inject(Audit) private readonly audit: Audit,
    @Inject(ProjectionFeed) private readonly feed: ProjectionFeed,
  ) {}

  async run(
    name: ConsoleCommandName,
    operator: string,
    body: Readonly<Record<string, unknown>>,
  ): Promise<OperatorAnswer<unknown>> {
    const command: OperatorCommandDefinition = consoleCommands[name];
    const request = command.request.safeParse({ ...body, operator });
    const asked = JSON.stringify(body).slice(0, 300);
    if (!request.success) {
      const issue = request.error.issues[0];
      const field = issue?.path.join('.') || undefined;
      const answer = {
        ok: false as const,
        refusal: {
          code: 'invalid' as const,
          reason: `${field ?? 'request'}: ${issue?.message ?? 'invalid'}`,
          ...(field ? { field } : {}),
        },
      };
      await this.audit.action(operator, command.name, `${asked}: refused, ${answer.refusal.reason}`);
      return answer;
    }
    const answer = await this.client.send(command, request.data);
    const record = recordOf(body);
    await this.audit.action(
      operator,
      command.name,
      `${asked}: ${answer.ok ? `done, ${JSON.stringify(answer.result).slice(0, 300)}` : `refused (${answer.refusal.code}), ${answer.refusal.reason}`}`,
      ...(record ? [record] : []),
    );
    if (answer.ok && name === 'reprovision')
      this.feed.progressed(answer.result as OperatorResultOf<typeof OperatorReprovisionStart>);
    return answer;
  }
}

function recordOf(body: Readonly<Record<string, unknown>>): { kind: TargetKind; key: string } | undefined {
  const { kind, cicId } = body;
  return typeof kind === 'string' && kind in targetKinds && typeof cicId === 'string'
    ? { kind: kind as TargetKind, key: cicId }
    : undefined;
}
