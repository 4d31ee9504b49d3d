import { quoteIdentifier } from './quote-identifier';

it('quotes an identifier, doubling its quotes', () => {
  expect(quoteIdentifier('bridge')).toBe('"bridge"');
  expect(quoteIdentifier('a"b')).toBe('"a""b"');
});
