import { AppliedSequences } from './applied-sequences';

it('still applies a message redelivered behind later ones, and only once', () => {
  const applied = new AppliedSequences();
  applied.reset(10);
  // 11 and 12 were in flight when the broker went down; 13 and 14 arrive first after the restart.
  applied.add(13);
  applied.add(14);
  expect([11, 12, 13, 14].map((sequence) => applied.has(sequence))).toEqual([false, false, true, true]);

  applied.add(11);
  applied.add(12);
  expect(applied.contiguous).toBe(14);
  expect(applied.has(12)).toBe(true);
});

it('counts everything the rebuild read as applied', () => {
  const applied = new AppliedSequences();
  applied.reset(500);
  expect(applied.has(499)).toBe(true);
  expect(applied.has(501)).toBe(false);
});
