import { keptJson, keptText } from './kept-text';

describe('kept text', () => {
  it('keeps a long JSON text as it was written, characters outside ASCII included', () => {
    const item = { id: 'łukasz.müller 79', names: Array.from({ length: 40 }, (_, i) => `Zoë ${i} 名前`) };

    expect(keptJson(item)).toBe(JSON.stringify(item));
    expect(JSON.parse(keptJson(item))).toEqual(item);
  });

  it('keeps a lone surrogate, which JSON text holds escaped', () => {
    const item = { notes: 'broken \ud800 pair' };

    expect(JSON.parse(keptJson(item))).toEqual(item);
  });

  it('keeps a short text and an empty one unchanged', () => {
    expect(keptText('{}')).toBe('{}');
    expect(keptText('')).toBe('');
  });
});
