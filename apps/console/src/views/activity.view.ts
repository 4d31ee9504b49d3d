import type { ActivityEntry, ActivityFilter } from '@bridge/console-projection';
import { targetKinds } from '@bridge/contracts';
import { html, query, time, tableHead, type Html } from './html';

/** Activity: what the bridge did and every operator action, newest first, filtered and paged. */
export function activityView(filter: ActivityFilter, entries: readonly ActivityEntry[]): Html {
  const last = entries[entries.length - 1];
  const select = (name: string, values: readonly string[], selected: string | undefined) =>
    html`<select name="${name}">
      <option value="">any</option>
      ${values.map((v) => html`<option value="${v}" ${v === selected ? html` selected` : ''}>${v}</option>`)}
    </select>`;
  return html`<form method="get" action="/activity" class="filters">
      <label>Text <input type="search" name="q" value="${filter.text ?? ''}" maxlength="200" /></label>
      <label>Who ${select('source', ['bridge', 'operator'], filter.source)}</label>
      <label>Kind ${select('kind', Object.keys(targetKinds), filter.kind)}</label>
      <button type="submit">Filter</button>
    </form>
    <div class="scroll">
      <table>
        ${tableHead('time', 'who', 'what', 'record', 'detail')}
        <tbody>
          ${entries.map(
            (e) =>
              html`<tr class="${e.source}">
                <td>${time(e.at)}</td>
                <td>${e.actor}</td>
                <td>${e.action}</td>
                <td>
                  ${e.kind && e.key ? html`<a href="/records/${e.kind}/${encodeURIComponent(e.key)}">${e.key}</a>` : ''}
                </td>
                <td>${e.detail}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    ${entries.length === 0 ? html`<p>No activity matches.</p>` : ''}
    <nav class="pager" aria-label="Older activity">
      ${last && entries.length === filter.limit ? html`<a href="/activity${query({ q: filter.text, source: filter.source, kind: filter.kind, before: last.at })}" rel="next">older →</a>` : ''}
    </nav>`;
}
