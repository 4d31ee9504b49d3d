import { AuditStopped, Pacer } from './pacer';

it('spreads calls evenly over the interval, and ends the pass when the service stops', async () => {
  let nowMs = 0;
  const sent: number[] = [];
  let stopped = false;
  const pacer = new Pacer(
    4,
    40,
    () => stopped,
    () => nowMs,
  );
  const call = () => pacer.call(async () => void sent.push(nowMs));
  await call();
  const second = call();
  nowMs = 10;
  await second;
  expect(sent).toEqual([0, 10]);
  stopped = true;
  await expect(call()).rejects.toBeInstanceOf(AuditStopped);
  expect(pacer.calls).toBe(2);
});
