/**
 * Which stream sequences of the CIC stream the projection has applied. Not a high-water mark: after a broker
 * restart, messages the server had sent but the client never received come back only after the ack wait, behind
 * later ones already applied, and a high-water mark skipped them as if applied (a NATS restart left hundreds of
 * users out of the org). Assumes the consumer sees every sequence of the stream (one stream, every subject,
 * nothing deleted), so the out-of-order set empties as the gaps fill.
 */
export class AppliedSequences {
  /** Every sequence up to this one is applied. */
  private floor = 0;
  /** Applied sequences above the floor. */
  private readonly above = new Set<number>();

  /** Everything up to `sequence` is applied (the rebuild read the stream that far). */
  reset(sequence: number): void {
    this.floor = sequence;
    this.above.clear();
  }

  has(sequence: number): boolean {
    return sequence <= this.floor || this.above.has(sequence);
  }

  add(sequence: number): void {
    if (this.has(sequence)) return;
    this.above.add(sequence);
    while (this.above.delete(this.floor + 1)) this.floor++;
  }

  /** The sequence up to which everything is applied. */
  get contiguous(): number {
    return this.floor;
  }
}
