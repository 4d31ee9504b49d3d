import type { DesiredUser } from '@bridge/contracts';
import type { DeliveryObject, References, UserEntry } from '../decider/delivery-object';
import type { DeliverySettings } from '../decider/situation';
import { deletionPreviewOf } from './deletion-preview';
import { dryRunOf, type DryRunFacts } from './dry-run';
import { reprovisionProgressOf, type ReprovisionRun } from './reprovision-progress';

const settings: DeliverySettings = { guard: { maxShare: 0.2, minCount: 2 }, userRemoval: 'deactivate' };
const nothingReferred: References = { live: () => undefined, pending: () => false };
const facts = (deletion: Partial<ReturnType<DryRunFacts['deletion']>> = {}): DryRunFacts => ({
  managedNames: { skills: new Set(), languages: new Set() },
  managedIds: { userIds: new Set(), wrapUpCodeIds: new Set() },
  deletion: () => ({ paused: false, confirmed: false, pending: 1, managed: 10, ...deletion }),
});

const annDocument: DesiredUser = {
  externalId: 'ann',
  userName: 'ann@example.com',
  displayName: 'Ann',
  phoneNumbers: [],
  routingSkills: [],
  routingLanguages: [],
};
const annEntry: UserEntry = {
  kind: 'user',
  key: 'ann',
  genesysId: 'g-ann',
  origin: 'created',
  name: 'ann@example.com',
  live: true,
  actual: { ...annDocument, routingSkills: [], routingLanguages: [], id: 'g-ann', active: true },
};
const ann = (document: DesiredUser | undefined): DeliveryObject => ({
  kind: 'user',
  key: 'ann',
  desired: document ? { present: true, document } : { present: false, reason: 'removedFromCic' },
  entry: annEntry,
});

describe('dry run of the decider', () => {
  it('plans a create for a user Genesys does not have yet, named by the business email', () => {
    expect(
      dryRunOf({ ...ann(annDocument), entry: undefined }, nothingReferred, facts(), settings),
    ).toMatchObject({
      kind: 'user',
      cicId: 'ann',
      name: 'ann@example.com',
      change: 'create',
      operations: [{ type: 'createUser', user: { userName: 'ann@example.com', displayName: 'Ann' } }],
      heldByDeletionGuard: false,
      waitsForDependencies: false,
    });
  });

  it('plans nothing when the known state matches', () => {
    expect(dryRunOf(ann(annDocument), nothingReferred, facts(), settings)).toBeUndefined();
  });

  it('plans a patch of exactly the changed field, on the known Genesys id', () => {
    expect(
      dryRunOf(ann({ ...annDocument, displayName: 'Ann B' }), nothingReferred, facts(), settings),
    ).toEqual({
      kind: 'user',
      cicId: 'ann',
      name: 'ann@example.com',
      genesysId: 'g-ann',
      change: 'update',
      operations: [{ type: 'patchUser', changes: { displayName: 'Ann B' } }],
      heldByDeletionGuard: false,
      waitsForDependencies: false,
    });
  });

  it('says when the deletion guard would hold a removal back', () => {
    const held = dryRunOf(ann(undefined), nothingReferred, facts({ pending: 5, managed: 10 }), settings);
    expect(held).toMatchObject({ change: 'delete', operations: [{ type: 'deactivateUser' }] });
    expect(held?.heldByDeletionGuard).toBe(true);
    const allowed = dryRunOf(ann(undefined), nothingReferred, facts({ pending: 1 }), settings);
    expect(allowed?.heldByDeletionGuard).toBe(false);
  });
});

describe('deletion preview', () => {
  const pauses = [
    { kind: 'queue' as const, pending: 2, managed: 3, share: 0.67, pausedAt: '2026-12-01T10:00:00.000Z' },
  ];
  const item = (cicId: string, genesysId = `g-${cicId}`) => ({
    kind: 'queue' as const,
    cicId,
    name: cicId,
    genesysId,
    action: 'delete' as const,
  });

  it('gives the same preview id to the same deletions, in any order, and another to any change', () => {
    const first = deletionPreviewOf(pauses, [item('b'), item('a')]);
    expect(first.items.map((i) => i.cicId)).toEqual(['a', 'b']);
    expect(deletionPreviewOf(pauses, [item('a'), item('b')]).previewId).toBe(first.previewId);
    expect(deletionPreviewOf(pauses, [item('a'), item('b'), item('c')]).previewId).not.toBe(first.previewId);
    expect(deletionPreviewOf(pauses, [item('a'), item('b', 'g-other')]).previewId).not.toBe(first.previewId);
    const repaused = pauses.map((pause) => ({ ...pause, pausedAt: '2026-12-01T11:00:00.000Z' }));
    expect(deletionPreviewOf(repaused, [item('a'), item('b')]).previewId).not.toBe(first.previewId);
  });

  it('lists up to the limit and counts the rest, which still decide the preview id', () => {
    const preview = deletionPreviewOf(pauses, [item('a'), item('b'), item('c')], 2);
    expect(preview).toMatchObject({ omitted: 1 });
    expect(preview.items).toHaveLength(2);
    expect(preview.previewId).not.toBe(deletionPreviewOf(pauses, [item('a'), item('b')], 2).previewId);
  });
});

describe('reprovision progress', () => {
  const startedAt = new Date('2026-12-01T10:00:00Z');
  const run: ReprovisionRun = {
    runId: '6f1c1a52-5d43-4c8e-9d43-1b0b8c1d0a11',
    target: 'newOrg',
    operator: 'admin',
    startedAt,
  };
  const at = (seconds: number) => new Date(startedAt.getTime() + seconds * 1000);

  it('runs until object-mapping answered and every record is reconciled or quarantined, phases in dependency order', () => {
    const counts = [
      { kind: 'user' as const, total: 10, done: 10, failed: 0 },
      { kind: 'skill' as const, total: 2, done: 2, failed: 0 },
    ];
    const waitingForMapping = reprovisionProgressOf(run, counts, at(5), 300);
    expect(waitingForMapping).toMatchObject({ state: 'running', percent: 99 });
    expect(waitingForMapping.phases.map((p) => p.phase)).toEqual(['mapping', 'skill', 'user']);
    const mapped = { ...run, mapping: { published: 12, total: 12 } };
    expect(reprovisionProgressOf(mapped, counts, at(5), 300)).toMatchObject({
      state: 'finished',
      percent: 100,
    });
    const oneStuck = [{ kind: 'user' as const, total: 10, done: 9, failed: 1 }];
    expect(reprovisionProgressOf(mapped, oneStuck, at(5), 300)).toMatchObject({ state: 'finished' });
    expect(
      reprovisionProgressOf({ ...run, mapping: { error: 'no answer' } }, counts, at(5), 300).phases[0],
    ).toEqual({
      phase: 'mapping',
      done: 0,
      failed: 1,
      total: 1,
    });
  });

  it('estimates the time left from the rate budget for a new org, and from the pace kept when slower', () => {
    const mapped = { ...run, mapping: { published: 1, total: 1 } };
    const fresh = [{ kind: 'user' as const, total: 600, done: 0, failed: 0 }];
    // 600 creates at 300 a minute: two minutes at least.
    expect(reprovisionProgressOf(mapped, fresh, at(1), 300)).toMatchObject({ percent: 0, etaSeconds: 120 });
    // Half done in ten minutes: ten more at that pace, slower than the budget allows.
    const slow = [{ kind: 'user' as const, total: 600, done: 300, failed: 0 }];
    expect(reprovisionProgressOf(mapped, slow, at(600), 300)).toMatchObject({ percent: 50, etaSeconds: 600 });
    // The same org may need no call per record: only the pace counts, and nothing at all before any progress.
    const same = { ...mapped, target: 'sameOrg' as const };
    expect(reprovisionProgressOf(same, fresh, at(1), 300).etaSeconds).toBeUndefined();
    expect(reprovisionProgressOf(same, slow, at(600), 300).etaSeconds).toBe(600);
    expect(reprovisionProgressOf(mapped, fresh, at(1), 0).etaSeconds).toBeUndefined();
  });
});
