/** Serialises appends so that global positions are handed out in commit order (ADR 0002). */
export const appendLock = 0x6576656e; // "even"

/** The SQLSTATE `append_events` raises when an expected version does not hold. */
export const conflictState = 'P0409';
