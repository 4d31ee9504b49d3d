import type {
  DeletionPreview,
  OperatorAnswer,
  OperatorQuarantineList,
  OperatorResultOf,
  ReprovisionProgress,
  SyncState,
} from '@bridge/contracts';
import { duration, html, time, tableHead, type Html } from './html';

export interface ActionsState {
  readonly sync: SyncState | undefined;
  readonly deletions: OperatorAnswer<DeletionPreview>;
  readonly quarantine: OperatorAnswer<OperatorResultOf<typeof OperatorQuarantineList>>;
  readonly reprovision: ReprovisionProgress | undefined;
}

/** A button the script turns into a JSON POST with the CSRF token; `confirm` asks first. */
function action(label: string, path: string, body: object, confirm?: string): Html {
  return html`<button
    type="button"
    data-action="${path}"
    data-body="${JSON.stringify(body)}"
    ${confirm ? html` data-confirm="${confirm}"` : ''}
  >
    ${label}
  </button>`;
}

const refused = (answer: { ok: false; refusal: { reason: string } }) =>
  html`<p class="state bad" role="status">${answer.refusal.reason}</p>`;

function sync(state: SyncState | undefined): Html {
  return html`<section id="sync">
    <h2>Sync</h2>
    ${
      state === undefined
        ? html`<p>genesys-delivery does not answer.</p>`
        : state.paused
          ? html`<p>
                <span class="state bad">paused</span> by ${state.changedBy ?? '?'} at
                ${time(state.changedAt)}${state.reason ? ` — ${state.reason}` : ''}
              </p>
              ${action('Resume the sync', '/api/sync/resume', {})}`
          : html`<p>
                <span class="state ok">running</span
                >${state.changedBy ? html` <small>(resumed by ${state.changedBy} at ${time(state.changedAt)})</small>` : ''}
              </p>
              ${action('Pause the sync', '/api/sync/pause', { reason: 'paused from the console' }, 'Pause every call to Genesys Cloud (configuration and presence)?')}`
    }
    <output></output>
  </section>`;
}

function deletions(answer: ActionsState['deletions']): Html {
  if (!answer.ok)
    return html`<section id="deletions">
      <h2>Paused deletions</h2>
      ${refused(answer)}
    </section>`;
  const preview = answer.result;
  return html`<section id="deletions">
    <h2>Paused deletions</h2>
    ${
      preview.pauses.length === 0
        ? html`<p>No deletion is paused.</p>`
        : html`<p>
              ${preview.pauses.map((p) => html`<strong>${p.kind}</strong>: ${p.pending} of ${p.managed} managed (${Math.round(p.share * 100)}%) paused since ${time(p.pausedAt)}. `)}
            </p>
            <div class="scroll">
              <table>
                <caption>
                  Exactly what a confirm deletes
                </caption>
                ${tableHead('kind', 'CIC id', 'name', 'Genesys id', 'action')}
                <tbody>
                  ${preview.items.map(
                    (i) =>
                      html`<tr>
                        <td>${i.kind}</td>
                        <td>${i.cicId}</td>
                        <td>${i.name}</td>
                        <td><code>${i.genesysId}</code></td>
                        <td>${i.action}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>
            ${preview.omitted > 0 ? html`<p>And ${preview.omitted} more.</p>` : ''}
            ${action(`Confirm these ${preview.items.length + preview.omitted} deletions`, '/api/deletions/confirm', { previewId: preview.previewId }, 'Delete these objects from Genesys Cloud?')}`
    }
    <output></output>
  </section>`;
}

function quarantine(answer: ActionsState['quarantine']): Html {
  if (!answer.ok)
    return html`<section id="quarantine">
      <h2>Quarantined records</h2>
      ${refused(answer)}
    </section>`;
  const { records, total } = answer.result;
  return html`<section id="quarantine">
    <h2>Quarantined records</h2>
    ${
      total === 0
        ? html`<p>None.</p>`
        : html`<div class="scroll">
              <table>
                ${tableHead('kind', 'CIC id', 'attempts', 'error', 'since', '')}
                <tbody>
                  ${records.map(
                    (r) =>
                      html`<tr>
                        <td>${r.kind}</td>
                        <td><a href="/records/${r.kind}/${encodeURIComponent(r.cicId)}">${r.cicId}</a></td>
                        <td>${r.attempts}</td>
                        <td>${r.error ? `${r.error.code}: ${r.error.message}` : ''}</td>
                        <td>${time(r.changedAt)}</td>
                        <td>
                          ${action('Retry', '/api/quarantine/release', { kind: r.kind, cicId: r.cicId })}
                        </td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>
            ${action(`Retry all ${total}`, '/api/quarantine/release', {}, `Retry all ${total} quarantined records now?`)}`
    }
    <output></output>
  </section>`;
}

function reprovision(progress: ReprovisionProgress | undefined): Html {
  const percent = progress?.percent ?? 0;
  return html`<section id="reprovision">
    <h2>Reprovision by replay</h2>
    <p>
      Recomputes every desired document from the event store and reconciles every record: with the same org,
      or with a newly paired (or emptied) one, where delivery forgets its id map and creates or adopts
      everything again.
    </p>
    <p>
      <label
        >Target
        <select id="reprovision-target" name="target">
          <option value="sameOrg">the same org</option>
          <option value="newOrg">a newly paired org</option>
        </select></label
      >
      <button
        type="button"
        data-action="/api/reprovision"
        data-body-from="reprovision-target"
        data-confirm="Start a reprovision?"
      >
        Start reprovision
      </button>
    </p>
    <div class="progress" data-reprovision>
      <progress id="reprovision-progress" max="100" value="${percent}" aria-label="reprovision progress">
        ${percent}%
      </progress>
      <span id="reprovision-text"
        >${progress ? `${progress.state === 'finished' ? 'finished' : 'running'} · ${Math.floor(percent)}% · ETA ${progress.etaSeconds === undefined ? '—' : duration(progress.etaSeconds)} · ${progress.target} · started by ${progress.operator} at ${time(progress.startedAt)}` : 'No reprovision has run.'}</span
      >
    </div>
    ${
      progress
        ? html`<table>
            ${tableHead('phase', 'done', 'failed', 'total')}
            <tbody id="reprovision-phases">
              ${progress.phases.map(
                (p) =>
                  html`<tr>
                    <td>${p.phase}</td>
                    <td>${p.done}</td>
                    <td>${p.failed}</td>
                    <td>${p.total}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
        : ''
    }
    <output></output>
  </section>`;
}

/** Operator actions: pause/resume, paused deletions, quarantine, dry-run plan, reprovision. */
export function actionsView(state: ActionsState): Html {
  return html`<div class="grid">
      ${sync(state.sync)}
      <section id="plan">
        <h2>Dry-run plan</h2>
        <p>What a full reconcile would change now, computed without calling Genesys Cloud.</p>
        <p><a class="button" href="/actions/plan">Run a dry-run plan</a></p>
      </section>
    </div>
    ${deletions(state.deletions)} ${quarantine(state.quarantine)} ${reprovision(state.reprovision)}`;
}
