import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';

export interface CapturedLogger {
  readonly logger: Logger;
  /** Every line logged since the start or the last `clear`. */
  readonly output: () => string;
  readonly clear: () => void;
}

/** A pino logger that writes into memory, for tests of what an in-process service logs (and never logs). */
export function capturedLogger(level = 'info'): CapturedLogger {
  let output = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      output += chunk.toString();
      done();
    },
  });
  return {
    logger: pino({ level }, sink),
    output: () => output,
    clear: () => {
      output = '';
    },
  };
}
