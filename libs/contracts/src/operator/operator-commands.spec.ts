import { randomUUID } from 'node:crypto';
import {
  OperatorDeletionsConfirm,
  OperatorQuarantineRelease,
  operatorAnswerSchema,
  operatorCommands,
  streams,
  subjectFilterOf,
} from '../index';

describe('operator commands conformance', () => {
  it.each(operatorCommands.map((c) => [c.name, c]))('%s is spelled operator.<entity>.<action>', (_, c) => {
    expect(c.subject).toMatch(/^operator\.[a-z-]+\.[a-z-]+$/);
    const pascal = c.subject
      .split(/[.-]/)
      .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
      .join('');
    expect(c.name).toBe(pascal);
  });

  it('has unique names and subjects, none of them in a JetStream stream', () => {
    expect(new Set(operatorCommands.map((c) => c.subject)).size).toBe(operatorCommands.length);
    for (const c of operatorCommands)
      for (const stream of streams)
        expect(c.subject.startsWith(subjectFilterOf(stream.name).slice(0, -1))).toBe(false);
  });

  it('requires the operator on every request and refuses unknown fields', () => {
    for (const c of operatorCommands) {
      expect(c.request.safeParse({}).success).toBe(false);
      expect(c.request.safeParse({ operator: 'admin', surprise: 1 }).success).toBe(false);
    }
  });
});

describe('operator requests', () => {
  it('names the field a confirm lacks', () => {
    const parsed = OperatorDeletionsConfirm.request.safeParse({ operator: 'admin', kind: 'queue' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['previewId']);
  });

  it('refuses a record to release without its kind', () => {
    const parsed = OperatorQuarantineRelease.request.safeParse({ operator: 'admin', cicId: 'John.Smith' });
    expect(parsed.error?.issues[0]?.path).toEqual(['kind']);
    expect(
      OperatorQuarantineRelease.request.safeParse({ operator: 'admin', kind: 'user', cicId: 'John.Smith' })
        .success,
    ).toBe(true);
  });

  it('refuses an operator name longer than the limit', () => {
    expect(
      OperatorDeletionsConfirm.request.safeParse({ operator: 'x'.repeat(257), previewId: randomUUID() })
        .success,
    ).toBe(false);
  });

  it('reads an answer as a result or a refusal with its reason', () => {
    const answer = operatorAnswerSchema(OperatorDeletionsConfirm.result);
    expect(answer.parse({ ok: true, result: { confirmed: ['queue'], items: 3 } })).toEqual({
      ok: true,
      result: { confirmed: ['queue'], items: 3 },
    });
    expect(
      answer.parse({
        ok: false,
        refusal: { code: 'stale', reason: 'the deletions changed', field: 'previewId' },
      }),
    ).toMatchObject({ ok: false, refusal: { code: 'stale' } });
    expect(answer.safeParse({ ok: false, refusal: { code: 'nope', reason: '' } }).success).toBe(false);
  });
});
