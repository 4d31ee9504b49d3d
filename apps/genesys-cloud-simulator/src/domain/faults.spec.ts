import { type FaultRule, type FaultState, decideFault } from './faults';

const state = (rule: Omit<FaultRule, 'id'>): FaultState => ({
  rule: { id: 'r', ...rule },
  accumulators: { error: 0, timeout: 0, reset: 0 },
  matched: 0,
});

describe('decideFault', () => {
  it('fails exactly the configured share of matching requests, deterministically', () => {
    const states = [state({ pathPrefix: '/api/v2/routing', errorRatio: 0.5 })];
    const kinds = [1, 2, 3, 4].map(() => decideFault(states, 'GET', '/api/v2/routing/queues').kind);
    expect(kinds).toEqual(['none', 'error', 'none', 'error']);
  });

  it('leaves other paths and methods alone', () => {
    const states = [state({ pathPrefix: '/api/v2/routing', method: 'POST', errorRatio: 1 })];
    expect(decideFault(states, 'GET', '/api/v2/routing/queues').kind).toBe('none');
    expect(decideFault(states, 'POST', '/api/v2/scim/v2/users').kind).toBe('none');
    expect(decideFault(states, 'POST', '/api/v2/routing/queues')).toEqual({
      kind: 'error',
      status: 503,
      latencyMs: 0,
    });
  });

  it('adds latency, and retires a rule after its remaining count', () => {
    const states = [state({ pathPrefix: '/', latencyMs: 50, resetRatio: 1, remaining: 1 })];
    expect(decideFault(states, 'GET', '/x')).toEqual({ kind: 'reset', latencyMs: 50 });
    expect(decideFault(states, 'GET', '/x')).toEqual({ kind: 'none', latencyMs: 0, answerLatencyMs: 0 });
  });

  it('can hold back the answer of a request it handled', () => {
    const states = [state({ pathPrefix: '/', answerLatencyMs: 3_000 })];
    expect(decideFault(states, 'POST', '/x')).toEqual({ kind: 'none', latencyMs: 0, answerLatencyMs: 3_000 });
  });

  it('can hold a request open to make the client time out', () => {
    expect(decideFault([state({ pathPrefix: '/', timeoutRatio: 1 })], 'GET', '/x').kind).toBe('timeout');
  });
});
