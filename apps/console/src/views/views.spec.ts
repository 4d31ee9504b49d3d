import { RecordProjection, summaryOf } from '@bridge/console-projection';
import { html } from './html';
import { recordView } from './record.view';
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

  it("shows each request of a delivery attempt and its answer in the record's history", () => {
    const attempt = {
      number: 2,
      calls: [
        {
          method: 'PATCH',
          path: '/api/v2/scim/v2/users/g1',
          request: '{ replace displayName }',
          status: 503,
          answer: 'unavailable: <down>',
          durationMs: 40,
        },
      ],
    };
    const page = recordView(
      undefined,
      undefined,
      { ok: false, refusal: { code: 'unavailable', reason: 'no answer' } },
      [
        {
          at: '2026-12-01T10:00:00.000Z',
          source: 'delivery',
          type: 'DeliveryRecordOutcome',
          summary: 'status error',
          data: { status: 'error', attempt },
          attempt,
        },
      ],
    ).value.replace(/\s+/g, ' ');
    expect(page).toContain('Attempt 2');
    expect(page).toContain('<code>PATCH /api/v2/scim/v2/users/g1</code>');
    expect(page).toMatch(
      /<td>\{ replace displayName \}<\/td> <td>503<\/td> <td>unavailable: &lt;down&gt;<\/td> <td>40<\/td>/,
    );
  });

  it("shows in the record's history what a repair found drifted, a hostile value escaped", () => {
    const data = {
      status: 'synced',
      drift: [{ field: 'displayName', genesysValue: '<b>Ann</b>', desiredValue: 'Ann Lee' }],
    };
    const page = recordView(
      undefined,
      undefined,
      { ok: false, refusal: { code: 'unavailable', reason: 'no answer' } },
      [
        {
          at: '2026-12-01T10:00:00.000Z',
          source: 'delivery',
          type: 'DeliveryRecordOutcome',
          summary: summaryOf(data),
          data,
        },
      ],
    ).value;
    expect(page).toContain(
      '<span>status synced, repaired drift: displayName &#39;&lt;b&gt;Ann&lt;/b&gt;&#39; in Genesys, ' +
        '&#39;Ann Lee&#39; wanted</span>',
    );
  });
});
