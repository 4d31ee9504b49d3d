import { inboxLaneOf, RecordProjection, summaryOf } from '@bridge/console-projection';
import type { HealthSnapshot } from '../operator/status-poller';
import { healthView } from './health.view';
import { html } from './html';
import { recordView } from './record.view';
import { recordsView } from './records.view';
import { statusView } from './status.view';

const processOf = (service: string) => ({
  service,
  instance: `${service}-0:1`,
  version: '1.4.0',
  startedAt: '2026-12-01T09:00:00.000Z',
  uptimeSeconds: 3_720,
});
const delivery = {
  process: processOf('genesys-delivery'),
  settings: [],
  genesys: { apiUrl: 'https://api.mypurecloud.com', token: { state: 'valid' as const } },
  rateBudget: { perMinute: 300, burst: 300, tokens: 300, used: 0, rateLimited: 0, retryAfterSeconds: 0 },
  sync: { paused: false },
  configuration: { backlog: 0, quarantined: 0, lagSeconds: 0, pausedDeletions: 0 },
  presence: { backlog: 0, lagSeconds: 0 },
  replication: { backlog: 17, lagSeconds: 125 },
};
const text = (page: string) =>
  page
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
const quiet = inboxLaneOf({ lanes: [], received: { count: 0 } });

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

  it('lists historical-upload among the services, and the replication and upload lags among the stages', () => {
    const upload = {
      process: processOf('historical-upload'),
      projection: { backlog: 42, lagSeconds: 3_900 },
      inFlight: { id: 8, status: 'uploading', at: '2026-12-01T10:05:00.000Z' },
      lastSucceeded: { id: 7, status: 'succeeded', at: '2026-11-30T02:10:00.000Z' },
    };
    const snapshot: HealthSnapshot = {
      readAt: '2026-12-01T10:06:00.000Z',
      ingestion: [],
      mapping: [],
      delivery: [delivery],
      upload: [upload],
      inbox: quiet,
      console: { records: 0, ready: true },
    };
    const page = text(healthView(snapshot, []).value);
    expect(page).toContain('historical-upload up 1 1.4.0 1 h 2 min');
    expect(page).toContain('delivery: replication 17 2 min 5 s');
    expect(page).toContain('historical upload (event store → interval projection) 42 1 h 5 min');
    expect(page).toContain('job 8 in flight (uploading since 2026-12-01 10:05:00 UTC)');
    expect(page).toContain('last success: job 7, 2026-11-30 02:10:00 UTC');

    const silent = text(
      healthView({ ...snapshot, upload: [], delivery: [{ ...delivery, replication: undefined }] }, []).value,
    );
    expect(silent).toContain('historical-upload no answer 0');
    expect(silent).toContain('delivery: replication — —');
    expect(silent).not.toContain('Historical upload:');
  });

  it('shows the inbox lane: its channels and sockets, what it received, what reached CIC, what waits', () => {
    const snapshot: HealthSnapshot = {
      readAt: '2026-12-01T10:06:00.000Z',
      ingestion: [],
      mapping: [],
      delivery: [delivery],
      upload: [],
      inbox: inboxLaneOf({
        lanes: [
          {
            enabled: true,
            holding: true,
            channels: [
              { users: 1000, connected: true },
              { users: 250, connected: false },
            ],
            unplacedUsers: 0,
          },
        ],
        received: { count: 12, lastAt: '2026-12-01T10:05:30.000Z' },
        recorded: { count: 9, sent: 8 },
      }),
      console: { records: 0, ready: true },
    };
    const page = text(healthView(snapshot, []).value);
    expect(page).toContain('Inbox notifications state a channel is reconnecting');
    expect(page).toContain('channels 2 (1 connected) subscribed users 1250');
    expect(page).toContain('last notification 2026-12-01 10:05:30 UTC');
    expect(page).toContain('received / delivered to CIC 12 / 8 not yet recorded by cic-ingestion 3');
    expect(page).toContain('inbox notifications (Genesys → CIC) 3 —');

    const off = text(healthView({ ...snapshot, inbox: quiet }, []).value);
    expect(off).toContain('Inbox notifications state genesys-delivery does not tell last notification —');
    expect(off).not.toContain('subscribed users');
    expect(off).toContain('inbox notifications (Genesys → CIC) — —');
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
