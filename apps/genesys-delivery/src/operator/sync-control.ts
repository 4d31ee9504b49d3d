import type { OperatorTables, SyncRow } from './operator-tables';

/**
 * The sync's state as every instance obeys it: read from Postgres at most once per `refreshMs` (the lanes ask
 * before every claim), so a pause reaches every instance within that time. A change of the org epoch (a new-org
 * reprovision) is passed to the `whenNewOrg` listeners once, so this instance drops what it cached of the old org.
 */
export class SyncControl {
  private state: { row: SyncRow; readAtMs: number } | undefined;
  private reading: Promise<SyncRow> | undefined;
  private readonly newOrgListeners: (() => void)[] = [];

  constructor(
    private readonly tables: Pick<OperatorTables, 'sync'>,
    private readonly refreshMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  whenNewOrg(listener: () => void): void {
    this.newOrgListeners.push(listener);
  }

  /** Whether the lanes may call Genesys Cloud now. */
  async running(): Promise<boolean> {
    return !(await this.current()).paused;
  }

  async current(): Promise<SyncRow> {
    if (this.state && this.now() - this.state.readAtMs < this.refreshMs) return this.state.row;
    return await (this.reading ??= this.read().finally(() => (this.reading = undefined)));
  }

  /** Reads now, not from the cache: after this instance changed the state itself. */
  async refresh(): Promise<SyncRow> {
    this.state = this.state && { ...this.state, readAtMs: -Infinity };
    return await this.current();
  }

  private async read(): Promise<SyncRow> {
    const row = await this.tables.sync();
    const previous = this.state?.row;
    this.state = { row, readAtMs: this.now() };
    if (previous && previous.orgEpoch !== row.orgEpoch)
      for (const listener of this.newOrgListeners) listener();
    return row;
  }
}

/**
 * The same tables, their `claim` taking nothing while the sync is paused: how both lanes stop calling Genesys
 * without knowing of the pause.
 */
export function withPausableClaim<T extends { claim(...args: never[]): Promise<unknown[]> }>(
  tables: T,
  control: SyncControl,
): T {
  const claim = tables.claim.bind(tables) as (...args: unknown[]) => Promise<unknown[]>;
  const pausable = async (...args: unknown[]) => ((await control.running()) ? await claim(...args) : []);
  return new Proxy(tables, {
    get: (target, property, receiver) =>
      property === 'claim' ? pausable : (Reflect.get(target, property, receiver) as unknown),
  });
}
