import type { SyncRow } from './operator-tables';
import { SyncControl, withPausableClaim } from './sync-control';

/** A sync state row the test changes, counting the reads. */
function given(row: SyncRow) {
  const table = { row, reads: 0 };
  let now = 0;
  const control = new SyncControl(
    {
      sync: async () => {
        table.reads++;
        return table.row;
      },
    },
    1000,
    () => now,
  );
  return { table, control, advance: (ms: number) => (now += ms) };
}

it('reads the state at most once per refresh interval, and at once when refreshed', async () => {
  const { table, control, advance } = given({ paused: false, orgEpoch: 0 });
  expect(await control.running()).toBe(true);
  table.row = { paused: true, orgEpoch: 0 };
  expect(await control.running()).toBe(true);
  expect(table.reads).toBe(1);
  advance(1000);
  expect(await control.running()).toBe(false);
  table.row = { paused: false, orgEpoch: 0 };
  await control.refresh();
  expect(await control.running()).toBe(true);
  expect(table.reads).toBe(3);
});

it('tells its listeners once when the org epoch moves on (a new-org reprovision)', async () => {
  const { table, control, advance } = given({ paused: false, orgEpoch: 3 });
  let told = 0;
  control.whenNewOrg(() => told++);
  await control.current();
  table.row = { paused: false, orgEpoch: 4 };
  advance(1000);
  await control.current();
  advance(1000);
  await control.current();
  expect(told).toBe(1);
});

it('claims nothing while paused, and leaves the other methods as they are', async () => {
  const { table, control, advance } = given({ paused: true, orgEpoch: 0 });
  const tables = {
    claimed: 0,
    async claim(limit: number) {
      this.claimed++;
      return Array.from({ length: limit }, (_, i) => i);
    },
    async finish() {
      return this.claimed;
    },
  };
  const pausable = withPausableClaim(tables, control);
  expect(await pausable.claim(2)).toEqual([]);
  expect(tables.claimed).toBe(0);
  table.row = { paused: false, orgEpoch: 0 };
  advance(1000);
  expect(await pausable.claim(2)).toEqual([0, 1]);
  expect(await pausable.finish()).toBe(1);
});
