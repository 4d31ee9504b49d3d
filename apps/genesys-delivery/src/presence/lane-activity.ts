/** The lanes that share the org's rate budget. */
export type Lane = 'reconciler' | 'presence' | 'replication';

/** Which lanes of this process have work in hand now: each lane's gate gives way to the other while it has. */
export class LaneActivity {
  private readonly active: Record<Lane, number> = { reconciler: 0, presence: 0, replication: 0 };

  async during<T>(lane: Lane, work: () => Promise<T>): Promise<T> {
    this.active[lane]++;
    try {
      return await work();
    } finally {
      this.active[lane]--;
    }
  }

  busy(lane: Lane): boolean {
    return this.active[lane] > 0;
  }
}
