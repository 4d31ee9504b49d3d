import type { ActivityEntry, InboxLaneState } from '@bridge/console-projection';
import type { HealthSnapshot } from '../operator/status-poller';
import { duration, html, time, tableHead, type Html } from './html';

interface ProcessRow {
  readonly service: string;
  readonly instance: string;
  readonly version: string;
  readonly uptimeSeconds: number;
}

function state(ok: boolean, text: string): Html {
  return html`<span class="state ${ok ? 'ok' : 'bad'}">${text}</span>`;
}

function services(snapshot: HealthSnapshot): Html {
  const groups: [string, readonly { process: ProcessRow }[]][] = [
    ['cic-ingestion', snapshot.ingestion],
    ['object-mapping', snapshot.mapping],
    ['genesys-delivery', snapshot.delivery],
    ['historical-upload', snapshot.upload],
  ];
  return html`<div class="scroll">
    <table>
      <caption>
        Services
      </caption>
      ${tableHead('service', 'state', 'instances', 'version', 'uptime')}
      <tbody>
        ${groups.map(([name, answers]) => {
          const first = answers[0]?.process;
          return html`<tr>
            <th scope="row">${name}</th>
            <td>${state(answers.length > 0, answers.length > 0 ? 'up' : 'no answer')}</td>
            <td>
              ${answers.length}${answers.length > 1 ? html` <small>(${answers.map((a) => a.process.instance).join(', ')})</small>` : ''}
            </td>
            <td>${first?.version ?? '—'}</td>
            <td>${duration(first?.uptimeSeconds)}</td>
          </tr>`;
        })}
        <tr>
          <th scope="row">console</th>
          <td>${state(snapshot.console.ready, snapshot.console.ready ? 'up' : 'reading streams')}</td>
          <td>this one</td>
          <td>—</td>
          <td>—</td>
        </tr>
      </tbody>
    </table>
  </div>`;
}

function cic(snapshot: HealthSnapshot): Html {
  const connection = snapshot.ingestion.find((answer) => answer.cic.state === 'up') ?? snapshot.ingestion[0];
  if (!connection)
    return html`<section>
      <h2>CIC connection</h2>
      <p>${state(false, 'cic-ingestion does not answer')}</p>
    </section>`;
  const { cic: c, outbox } = connection;
  return html`<section>
    <h2>CIC connection</h2>
    <dl>
      <dt>state</dt>
      <dd>${state(c.state === 'up', c.state)}${c.reason ? html` <small>${c.reason}</small>` : ''}</dd>
      <dt>server</dt>
      <dd>${c.server ?? '—'}</dd>
      <dt>messages by</dt>
      <dd>${c.mode ?? '—'}</dd>
      <dt>connected since</dt>
      <dd>${time(c.connectedSince)}</dd>
      <dt>last message</dt>
      <dd>${time(c.lastMessageAt)}</dd>
      <dt>outbox (event store → JetStream)</dt>
      <dd>${outbox.backlog} waiting, ${duration(outbox.lagSeconds)} behind</dd>
    </dl>
  </section>`;
}

function genesys(snapshot: HealthSnapshot): Html {
  const delivery = snapshot.delivery[0];
  if (!delivery)
    return html`<section>
      <h2>Genesys Cloud</h2>
      <p>${state(false, 'genesys-delivery does not answer')}</p>
    </section>`;
  const { genesys: g, rateBudget: r, sync } = delivery;
  const limited = snapshot.delivery.reduce((sum, answer) => sum + answer.rateBudget.rateLimited, 0);
  return html`<section>
    <h2>Genesys Cloud</h2>
    <dl>
      <dt>region / API</dt>
      <dd>${g.region ?? 'custom'} · ${g.apiUrl}</dd>
      <dt>token</dt>
      <dd>
        ${state(g.token.state === 'valid', g.token.state)}
        ${g.token.since ? html`<small>since ${time(g.token.since)}</small>` : ''} ${g.token.error ?? ''}
      </dd>
      <dt>sync</dt>
      <dd>
        ${sync.paused ? html`${state(false, 'paused')} by ${sync.changedBy ?? '?'} ${time(sync.changedAt)} ${sync.reason ?? ''}` : state(true, 'running')}
      </dd>
      <dt>rate budget</dt>
      <dd>
        ${r.perMinute === 0 ? 'off (GC_RATE_LIMIT_PER_MINUTE=0)' : html`<meter min="0" max="1" value="${r.used}" aria-label="rate budget used">${Math.round(r.used * 100)}%</meter> ${Math.round(r.used * 100)}% of ${r.perMinute}/min used · ${Math.floor(r.tokens)} left`}
      </dd>
      <dt>429 answers</dt>
      <dd>${limited}</dd>
      <dt>Retry-After</dt>
      <dd>${r.retryAfterSeconds > 0 ? state(false, `${Math.ceil(r.retryAfterSeconds)} s left`) : 'none'}</dd>
    </dl>
  </section>`;
}

function stages(snapshot: HealthSnapshot): Html {
  const sum = <T>(answers: readonly T[], of: (answer: T) => number) =>
    answers.reduce((total, answer) => total + of(answer), 0);
  const max = <T>(answers: readonly T[], of: (answer: T) => number) =>
    answers.reduce((most, answer) => Math.max(most, of(answer)), 0);
  const rows: [string, number | undefined, number | undefined][] = [
    [
      'ingestion (event store → JetStream)',
      sum(snapshot.ingestion, (a) => a.outbox.backlog),
      max(snapshot.ingestion, (a) => a.outbox.lagSeconds),
    ],
    ['mapping (CIC events → desired documents)', snapshot.mapping[0]?.backlog, undefined],
    [
      'delivery: configuration',
      snapshot.delivery[0]?.configuration.backlog,
      snapshot.delivery[0]?.configuration.lagSeconds,
    ],
    ['delivery: presence', snapshot.delivery[0]?.presence.backlog, snapshot.delivery[0]?.presence.lagSeconds],
    [
      'delivery: replication',
      snapshot.delivery[0]?.replication?.backlog,
      snapshot.delivery[0]?.replication?.lagSeconds,
    ],
    // Every instance reads the same tables, so the first answer stands for the service.
    [
      'historical upload (event store → interval projection)',
      snapshot.upload[0]?.projection.backlog,
      snapshot.upload[0]?.projection.lagSeconds,
    ],
    // Received on DELIVERY and not yet recorded by cic-ingestion; no lag: nothing tells when each was read.
    ['inbox notifications (Genesys → CIC)', snapshot.inbox.backlog, undefined],
  ];
  const delivery = snapshot.delivery[0];
  return html`<table>
      <caption>
        Backlog and lag by stage
      </caption>
      ${tableHead('stage', 'backlog', 'lag')}
      <tbody>
        ${rows.map(
          ([name, backlog, lag]) =>
            html`<tr>
              <th scope="row">${name}</th>
              <td>${backlog ?? '—'}</td>
              <td>${duration(lag)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    ${uploadJobs(snapshot)}
    ${delivery ? html`<p>Quarantined records: <a href="/records?status=quarantined">${delivery.configuration.quarantined}</a> · paused deletions: <a href="/actions#deletions">${delivery.configuration.pausedDeletions}</a></p>` : ''}`;
}

/** historical-upload's job in flight and its last success, when it answers. */
function uploadJobs(snapshot: HealthSnapshot): Html | '' {
  const upload = snapshot.upload[0];
  if (!upload) return '';
  const { inFlight, lastSucceeded } = upload;
  return html`<p>
    Historical upload:
    ${inFlight ? html`job ${inFlight.id} in flight (${inFlight.status} since ${time(inFlight.at)})` : 'no job in flight'}
    · last success: ${lastSucceeded ? html`job ${lastSucceeded.id}, ${time(lastSucceeded.at)}` : 'none yet'}
  </p>`;
}

const inboxStates: Record<InboxLaneState, [boolean, string]> = {
  off: [true, 'off (INBOX_NOTIFICATIONS=off)'],
  unknown: [false, 'genesys-delivery does not tell'],
  waiting: [false, 'no instance holds the channels'],
  listening: [true, 'listening'],
  reconnecting: [false, 'a channel is reconnecting'],
};

/** genesys-delivery's inbox lane: its channels and sockets, and what became of the notifications it read. */
function inbox(snapshot: HealthSnapshot): Html {
  const lane = snapshot.inbox;
  const [ok, text] = inboxStates[lane.state];
  const on = lane.state !== 'off' && lane.state !== 'unknown';
  return html`<section>
    <h2>Inbox notifications</h2>
    <dl>
      <dt>state</dt>
      <dd>${state(ok, text)}</dd>
      ${
        on
          ? html`<dt>channels</dt>
              <dd>${lane.channels} (${lane.connectedChannels} connected)</dd>
              <dt>subscribed users</dt>
              <dd>
                ${lane.subscribedUsers}${lane.unplacedUsers > 0 ? html` ${state(false, `${lane.unplacedUsers} beyond the channel limits`)}` : ''}
              </dd>`
          : ''
      }
      <dt>last notification</dt>
      <dd>${time(lane.lastNotificationAt)}</dd>
      <dt>received / delivered to CIC</dt>
      <dd>${lane.received} / ${lane.delivered ?? '—'}</dd>
      <dt>not yet recorded by cic-ingestion</dt>
      <dd>${lane.backlog ?? '—'}</dd>
    </dl>
  </section>`;
}

/** The Health overview: services, the CIC connection, Genesys and its rate budget, each stage, the last errors. */
export function healthView(snapshot: HealthSnapshot, errors: readonly ActivityEntry[]): Html {
  return html`<p class="meta">Read ${time(snapshot.readAt)}; updates by itself.</p>
    ${services(snapshot)}
    <div class="grid">${cic(snapshot)}${genesys(snapshot)}${inbox(snapshot)}</div>
    ${stages(snapshot)}
    <section>
      <h2>Last errors</h2>
      ${
        errors.length === 0
          ? html`<p>None.</p>`
          : html`<ul class="errors">
              ${errors.map(
                (entry) =>
                  html`<li>
                    ${time(entry.at)} ·
                    ${entry.kind && entry.key ? html`<a href="/records/${entry.kind}/${encodeURIComponent(entry.key)}">${entry.kind} ${entry.key}</a>` : entry.actor}
                    · ${entry.action} · ${entry.detail}
                  </li>`,
              )}
            </ul>`
      }
    </section>`;
}
