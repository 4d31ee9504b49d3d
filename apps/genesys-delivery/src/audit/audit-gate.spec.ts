import { LaneActivity } from '../presence/lane-activity';
import { AuditGate } from './audit-gate';

const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

it('sends nothing while the reconciler or the presence lane has work, then takes its own lane', async () => {
  const activity = new LaneActivity();
  const taken: string[] = [];
  const gate = new AuditGate(
    { acquire: async () => void taken.push('lane'), rateLimited: async () => undefined },
    activity,
    5,
  );
  let releaseReconciler: () => void = () => undefined;
  const reconciling = activity.during('reconciler', () => new Promise<void>((r) => (releaseReconciler = r)));
  const acquired = gate.acquire().then(() => taken.push('sent'));
  await tick();
  expect(taken).toEqual([]);
  const presence = activity.during('presence', tick);
  releaseReconciler();
  await reconciling;
  expect(taken).toEqual([]);
  await presence;
  await acquired;
  expect(taken).toEqual(['lane', 'sent']);
});
