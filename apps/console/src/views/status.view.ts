import { recordStatuses, type StatusCounts } from '@bridge/console-projection';
import { targetKinds, type TargetKind } from '@bridge/contracts';
import { html, query, tableHead, type Html } from './html';

/** Configuration status: counts by kind × status, each a link to the records behind it. */
export function statusView(counts: StatusCounts): Html {
  const kinds = Object.keys(targetKinds) as TargetKind[];
  return html`<div class="scroll">
      <table class="counts">
        <caption>
          Records by kind and status
        </caption>
        ${tableHead('kind', ...recordStatuses, 'all')}
        <tbody>
          ${kinds.map((kind) => {
            const row = counts[kind];
            const all = row ? Object.values(row).reduce((a, b) => a + b, 0) : 0;
            return html`<tr>
              <th scope="row">${kind}</th>
              ${recordStatuses.map((status) => {
                const n = row?.[status] ?? 0;
                return html`<td class="${status}">
                  ${n > 0 ? html`<a href="/records${query({ kind, status })}">${n}</a>` : '0'}
                </td>`;
              })}
              <td>${all > 0 ? html`<a href="/records${query({ kind })}">${all}</a>` : '0'}</td>
            </tr>`;
          })}
        </tbody>
      </table>
    </div>
    <p class="meta">
      Pending: decided by object-mapping, not yet answered by delivery. Deleted: removed in CIC, and removed
      (or deactivated) in Genesys Cloud.
    </p>`;
}
