import type { Consumer, JsMsg } from '@nats-io/jetstream';

/** What the breaker reads of the consumer's info. */
export interface HeldMessages {
  /** Messages the server has not delivered yet. */
  readonly num_pending: number;
  /** Messages delivered and not acked. */
  readonly num_ack_pending: number;
  readonly delivered: { readonly stream_seq: number };
}

/**
 * Pull requests per burst, one every `pullSpacingMs`: the server's wake-up signal holds one at a time, so pulls sent
 * together wake its delivery loop once, and spaced they wake it once each. At most what it keeps waiting (512 by
 * default) while each lasts its second.
 */
const maxPulls = 400;
const pullSpacingMs = 2;

/**
 * Wakes a pull consumer that NATS before 2.11 stopped delivering to. After a broker restart or crash such a
 * consumer can hold pending messages its stream has dropped meanwhile; each time its delivery loop takes one up
 * for redelivery it fails to load it and waits for the next wake-up, and since the message stays pending it comes
 * back at every ack timeout, ahead of everything else, until it has used up its deliveries (nats-server commit
 * 090fd64, fixed in 2.11). Left alone, the consumer gets a message or so per ack timeout for minutes. Every pull
 * request is a wake-up: so when, at two checks in a row, the consumer has nothing to do while the server holds
 * messages it has delivered none of since, the breaker sends a burst of one-message pulls, and what they bring is
 * handed to `deliver` like the consumer's own messages.
 */
export class StallBreaker {
  private idle = true;
  /** The last stream sequence delivered, at the previous check that found messages held. */
  private delivered: number | undefined;
  private timer: NodeJS.Timeout | undefined;
  private checking = false;

  constructor(
    private readonly consumer: Pick<Consumer, 'fetch'>,
    private readonly info: () => Promise<HeldMessages>,
    private readonly deliver: (message: JsMsg) => void,
    private readonly options: { readonly checkMs: number; readonly onStall: (held: number) => void },
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.check(), this.options.checkMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Whether the consumer has nothing to handle (nothing received and waiting, no handler running). */
  setIdle(idle: boolean): void {
    this.idle = idle;
  }

  private async check(): Promise<void> {
    if (this.checking) return;
    if (!this.idle) {
      this.delivered = undefined;
      return;
    }
    this.checking = true;
    try {
      const { num_pending, num_ack_pending, delivered } = await this.info();
      const stalled = num_pending > 0 && this.idle && this.delivered === delivered.stream_seq;
      this.delivered = num_pending > 0 ? delivered.stream_seq : undefined;
      if (!stalled) return;
      this.options.onStall(num_pending);
      const pulls: Promise<void>[] = [];
      for (let i = Math.min(num_ack_pending + 1, maxPulls); i > 0; i--) {
        pulls.push(this.pullOne());
        await new Promise((resolve) => setTimeout(resolve, pullSpacingMs));
      }
      await Promise.all(pulls);
    } catch {
      // NATS not answering: the next check tries again.
    } finally {
      this.checking = false;
    }
  }

  private async pullOne(): Promise<void> {
    const messages = await this.consumer.fetch({ max_messages: 1, expires: 1_000 });
    for await (const message of messages) this.deliver(message);
  }
}
