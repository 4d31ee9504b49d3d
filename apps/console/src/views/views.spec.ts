import { RecordProjection } from '@bridge/console-projection';
import { html } from './html';
import { recordsView } from './records.view';
import { statusView } from './status.view';

describe('views', () => {
  it('escapes every interpolated value, so a CIC name cannot become markup', () => {
    const name = '<img src=x onerror=alert(1)> & "quotes"';
    expect(html`<td title="${name}">${name}</td>`.value).toBe(
      '<td title="&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;">&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;</td>',
    );
  });

  it('keeps markup built by html, joins arrays and drops undefined and false', () => {
    const items = ['a', 'b'].map((item) => html`<li>${item}</li>`);
    const list = html`<ul>
      ${items}${undefined}${false}
    </ul>`.value.replace(/>\s+</g, '><');
    expect(list).toBe('<ul><li>a</li><li>b</li></ul>');
  });

  it('lists records with a link per record, a hostile key escaped in text and URL', () => {
    const projection = new RecordProjection();
    const key = 'x"><script>alert(1)</script>';
    projection.decided(
      'user',
      key,
      { state: 'absent', reason: 'noBusinessEmail' },
      '2026-12-01T10:00:00.000Z',
    );
    const page = recordsView({ limit: 50 }, projection.search({ limit: 50 })).value;
    expect(page).not.toContain('<script>');
    expect(page).toContain(`/records/user/${encodeURIComponent(key)}`);
  });

  it('links each non-zero count of the status page to its records', () => {
    const projection = new RecordProjection();
    projection.delivered({ kind: 'queue', key: 'Sales', status: 'synced' }, '2026-12-01T10:00:00.000Z');
    expect(statusView(projection.counts()).value).toContain('href="/records?kind=queue&amp;status=synced"');
  });
});
