import { recordStatuses, type RecordPage, type RecordQuery } from '@bridge/console-projection';
import { targetKinds } from '@bridge/contracts';
import { html, query, time, tableHead, type Html } from './html';

const options = (values: readonly string[], selected: string | undefined) =>
  values.map((v) => html`<option value="${v}" ${v === selected ? html` selected` : ''}>${v}</option>`);

/** Records: search by CIC id, name, email or Genesys id, filter by kind and status, page. */
export function recordsView(search: RecordQuery, page: RecordPage): Html {
  const offset = search.offset ?? 0;
  const link = (at: number) =>
    `/records${query({ q: search.q, kind: search.kind, status: search.status, offset: at })}`;
  return html`<form method="get" action="/records" class="filters" role="search">
      <label
        >Search
        <input
          type="search"
          name="q"
          value="${search.q ?? ''}"
          maxlength="200"
          placeholder="CIC id, name, email or Genesys id"
          autofocus
      /></label>
      <label
        >Kind
        <select name="kind">
          <option value="">any</option>
          ${options(Object.keys(targetKinds), search.kind)}
        </select></label
      >
      <label
        >Status
        <select name="status">
          <option value="">any</option>
          ${options(recordStatuses, search.status)}
        </select></label
      >
      <button type="submit">Search</button>
    </form>
    <p class="meta">
      ${page.total} record(s)${page.total > 0 ? `, ${offset + 1}–${offset + page.records.length} shown` : ''}.
    </p>
    <div class="scroll">
      <table>
        ${tableHead('kind', 'CIC id', 'name', 'email', 'status', 'Genesys id', 'last outcome')}
        <tbody>
          ${page.records.map(
            (r) =>
              html`<tr>
                <td>${r.kind}</td>
                <td><a href="/records/${r.kind}/${encodeURIComponent(r.key)}">${r.key}</a></td>
                <td>${r.name ?? ''}</td>
                <td>${r.email ?? ''}</td>
                <td class="${r.status}">
                  ${r.status}${r.outcome?.reason ? html` <small>${r.outcome.reason}</small>` : ''}${r.outcome?.error ? html` <small>${r.outcome.error.code}</small>` : ''}
                </td>
                <td><code>${r.genesysId ?? ''}</code></td>
                <td>${time(r.outcomeAt)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    <nav class="pager" aria-label="Pages of records">
      ${offset > 0 ? html`<a href="${link(Math.max(0, offset - search.limit))}" rel="prev">← previous</a>` : ''}
      ${offset + search.limit < page.total ? html`<a href="${link(offset + search.limit)}" rel="next">next →</a>` : ''}
    </nav>`;
}
