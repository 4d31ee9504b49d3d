import { CicUserChanged, streams } from '@bridge/contracts';
import { redeliveryDelayMs } from './consumer-definition';
import { stableUuid } from './stable-uuid';
import { Topology } from './topology';

describe('Topology', () => {
  it('leaves every name as the contracts spell it in the empty namespace', () => {
    const topology = new Topology('');
    expect(topology.stream('CIC')).toBe('CIC');
    expect(topology.subject(CicUserChanged.subject)).toBe(CicUserChanged.subject);
    expect(topology.contractSubject(CicUserChanged.subject)).toBe(CicUserChanged.subject);
  });

  it('prefixes streams and subjects in a namespace, and strips the prefix again', () => {
    const topology = new Topology('t1');
    expect(topology.stream('MAPPING')).toBe('t1_MAPPING');
    expect(topology.subject(CicUserChanged.subject)).toBe(`t1.${CicUserChanged.subject}`);
    expect(topology.contractSubject(`t1.${CicUserChanged.subject}`)).toBe(CicUserChanged.subject);
  });

  it('gives every contracts stream its namespaced subjects and keeps one message per object where asked', () => {
    const configs = new Topology('ns').streams.map((s) => new Topology('ns').streamConfig(s));
    expect(configs.map((c) => c.name)).toEqual(streams.map((s) => `ns_${s.name}`));
    expect(configs.find((c) => c.name === 'ns_MAPPING')).toMatchObject({
      subjects: ['ns.mapping.>'],
      max_msgs_per_subject: 1,
    });
    expect(configs.find((c) => c.name === 'ns_CIC')?.max_msgs_per_subject).toBe(-1);
  });
});

describe('redeliveryDelayMs', () => {
  it.each([
    [1, 1000],
    [2, 2000],
    [3, 4000],
    [6, 30_000],
    [20, 30_000],
  ])('waits after delivery %i: %i ms', (deliveryCount, delay) => {
    expect(redeliveryDelayMs(deliveryCount)).toBe(delay);
  });
});

describe('stableUuid', () => {
  it('gives the same name the same RFC 9562 version 8 UUID, and different names different ones', () => {
    const id = stableUuid('CIC:dead-letter:42');
    expect(id).toBe(stableUuid('CIC:dead-letter:42'));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(stableUuid('CIC:dead-letter:43')).not.toBe(id);
  });
});
