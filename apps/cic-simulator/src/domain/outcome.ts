/** Domain results are values; the HTTP layer decides the status code (STYLE: errors as values). */
export type Failure = { ok: false; error: 'notFound' | 'conflict' | 'invalid'; message: string };
export type Outcome<T = undefined> = { ok: true; value: T } | Failure;

export const ok = <T = undefined>(value?: T): Outcome<T> => ({ ok: true, value: value as T });
export const fail = (error: Failure['error'], message: string): Failure => ({ ok: false, error, message });
