import { brokerVersionWarning } from './broker-version';

describe('brokerVersionWarning', () => {
  it.each(['2.9.10', '2.10.29', 'v2.10.0', '1.4.1'])('warns of %s', (version) => {
    expect(brokerVersionWarning(version)).toContain(`NATS server ${version} is older than 2.11`);
  });

  it.each(['2.11.0', '2.11.4', '2.12.1', '3.0.0', 'v2.11.0-RC.1'])('accepts %s', (version) => {
    expect(brokerVersionWarning(version)).toBeUndefined();
  });

  it('says nothing of a version it cannot read', () => {
    expect(brokerVersionWarning(undefined)).toBeUndefined();
    expect(brokerVersionWarning('unknown')).toBeUndefined();
  });
});
