import { statusOf, type RecordView, type TimelineEntry } from '@bridge/console-projection';
import type {
  DeliveryAttempt,
  OperatorAnswer,
  OperatorRecordRead,
  OperatorResultOf,
} from '@bridge/contracts';
import { html, tableHead, time, type Html } from './html';

const json = (value: unknown) => html`<pre>${JSON.stringify(value, null, 2)}</pre>`;

/** What Genesys held at the bridge's last read or write, and where delivery stands with the record. */
function genesysHeld(answer: OperatorAnswer<OperatorResultOf<typeof OperatorRecordRead>>): Html {
  if (!answer.ok) return html`<p class="meta">${answer.refusal.reason}</p>`;
  const { genesys, delivery } = answer.result;
  return html`<dl>
      <dt>delivery</dt>
      <dd>
        ${delivery.quarantined ? 'quarantined' : delivery.due ? 'due' : 'done'} · ${delivery.attempts} failed
        attempt(s) · changed ${time(delivery.changedAt)}
      </dd>
      ${
        genesys
          ? html`<dt>object</dt>
              <dd>${genesys.name} (${genesys.origin}, ${genesys.live ? 'live' : 'not live'})</dd>
              <dt>read or written</dt>
              <dd>${time(genesys.readAt)}</dd>`
          : ''
      }
    </dl>
    ${genesys ? json(genesys.document) : html`<p>No Genesys object yet.</p>`}`;
}

/** A delivery attempt's requests to Genesys Cloud and their answers, in the order they went out. */
function attemptCalls(attempt: DeliveryAttempt): Html {
  return html`<div class="scroll">
    <table class="calls">
      <caption>
        Attempt
        ${attempt.number}${attempt.omittedCalls ? ` (its first ${attempt.omittedCalls} requests not kept)` : ''}
      </caption>
      ${tableHead('call', 'sent', 'status', 'answer', 'ms')}
      <tbody>
        ${attempt.calls.map(
          (call) =>
            html`<tr>
              <td><code>${call.method} ${call.path}</code></td>
              <td>${call.request ?? ''}</td>
              <td>${call.status === 0 ? 'no answer' : call.status}</td>
              <td>${call.answer ?? ''}</td>
              <td>${call.durationMs}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

/** One record: its CIC source, desired document, what delivery last did, its status, and its whole history. */
export function recordView(
  record: RecordView | undefined,
  cicSource: unknown,
  delivery: OperatorAnswer<OperatorResultOf<typeof OperatorRecordRead>>,
  timeline: readonly TimelineEntry[],
): Html {
  const status = record ? statusOf(record) : 'unknown';
  const outcome = record?.outcome;
  return html`<dl class="summary">
      <dt>status</dt>
      <dd class="${status}">
        ${status}${outcome?.reason ? ` (${outcome.reason})` : ''}${outcome?.note ? ` — ${outcome.note}` : ''}
      </dd>
      ${
        outcome?.error
          ? html`<dt>error</dt>
              <dd>${outcome.error.code}: ${outcome.error.message}</dd>`
          : ''
      }
      <dt>Genesys id</dt>
      <dd><code>${record?.genesysId ?? '—'}</code></dd>
      <dt>last synchronized</dt>
      <dd>${time(outcome?.lastSynchronizedAt)}</dd>
      <dt>decided</dt>
      <dd>${time(record?.decidedAt)}</dd>
    </dl>
    ${status === 'quarantined' && record ? html`<p><button type="button" data-action="/api/quarantine/release" data-body="${JSON.stringify({ kind: record.kind, cicId: record.key })}">Retry this record now</button> <output></output></p>` : ''}
    <div class="grid">
      <section>
        <h2>CIC source</h2>
        ${cicSource === undefined ? html`<p>No CIC event for this record in the event store.</p>` : json(cicSource)}
      </section>
      <section>
        <h2>Desired Genesys document</h2>
        ${record?.desired ? json(record.desired) : html`<p>No decision yet.</p>`}
      </section>
      <section>
        <h2>Genesys Cloud</h2>
        ${genesysHeld(delivery)}
        <h3>Delivery's last outcome</h3>
        ${outcome ? json(outcome) : html`<p>No outcome yet.</p>`}
      </section>
    </div>
    <section>
      <h2>History</h2>
      <ol class="timeline">
        ${timeline.map(
          (entry) =>
            html`<li class="${entry.source}">
              <details>
                <summary>
                  <time datetime="${entry.at}">${time(entry.at)}</time>
                  <strong>${entry.source}</strong> ${entry.type} <span>${entry.summary}</span>
                </summary>
                ${entry.attempt ? attemptCalls(entry.attempt) : ''} ${json(entry.data)}
              </details>
            </li>`,
        )}
      </ol>
      ${timeline.length === 0 ? html`<p>Nothing recorded yet.</p>` : ''}
    </section>`;
}
