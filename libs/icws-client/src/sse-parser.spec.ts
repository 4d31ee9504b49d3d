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
});
