/** Serialises appends so that global positions are handed out in commit order (ADR 0002). */
export const appendLock = 0x6576656e; // "even"

/** The SQLSTATE `append_events` raises when an expected version does not hold. */
export const conflictState = 'P0409';

/**
 * The SQLSTATE `try_append_events` raises when it cannot settle a call without the per-event checks (an expected
 * version it did not find); the caller then runs `append_events`.
 */
export const checkedPathState = 'P0410';

/** The SQLSTATE of a unique violation: in `try_append_events`, an event id already stored or a version taken. */
export const uniqueViolationState = '23505';
