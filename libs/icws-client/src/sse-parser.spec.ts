import { SseParser } from './sse-parser';

describe('SseParser', () => {
  it('dispatches events on a blank line, across any chunk split, skipping pings and retry', () => {
    const parser = new SseParser();
    const text =
      'retry: 1000\n\n:ping\n\nid: 1\nevent: message\ndata: {"a":1}\n\nid: 2\r\ndata: x\r\ndata: y\r\n\r\n';
    const events = [...text].flatMap((char) => parser.push(char));
    expect(events).toEqual([
      { event: 'message', id: '1', data: '{"a":1}' },
      { event: 'message', id: '2', data: 'x\ny' },
    ]);
  });

  it('keeps an unfinished event until its blank line arrives', () => {
    const parser = new SseParser();
    expect(parser.push('data: {"a"')).toEqual([]);
    expect(parser.push(':1}\n')).toEqual([]);
    expect(parser.push('\n')).toEqual([{ event: 'message', data: '{"a":1}' }]);
  });

  it('parses a long data line that arrives in many chunks, and the events sharing its last chunk', () => {
    const parser = new SseParser();
    const long = 'x'.repeat(1_000_000);
    const text = `data: ${long}\r\n\r\ndata: a\n\ndata: b\r\r\n`;
    const events = [];
    for (let i = 0; i < text.length; i += 999) events.push(...parser.push(text.slice(i, i + 999)));
    expect(events.map((e) => (e.data === long ? 'long' : e.data))).toEqual(['long', 'a', 'b']);
  });
});
