import type { OperatorAnswer, OperatorPlanDryRun, OperatorResultOf } from '@bridge/contracts';
import { html, time, tableHead, type Html } from './html';

/** A dry-run plan: counts per kind and the changes, each with the calls it would send. */
export function planView(answer: OperatorAnswer<OperatorResultOf<typeof OperatorPlanDryRun>>): Html {
  if (!answer.ok) return html`<p class="state bad" role="status">${answer.refusal.reason}</p>`;
  const plan = answer.result;
  const counts = Object.entries(plan.counts);
  return html`<p class="meta">
      Computed ${time(plan.computedAt)} by genesys-delivery from its records, without calling Genesys Cloud;
      it is computed again once they change.
      <a href="/actions/plan">Refresh</a>
    </p>
    <table>
      <caption>
        What a full reconcile would change
      </caption>
      ${tableHead('kind', 'create', 'update', 'delete', 'unchanged')}
      <tbody>
        ${counts.map(
          ([kind, c]) =>
            html`<tr>
              <th scope="row">${kind}</th>
              <td>${c.create}</td>
              <td>${c.update}</td>
              <td>${c.delete}</td>
              <td>${c.unchanged}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    <div class="scroll">
      <table>
        <caption>
          Changes${plan.omitted > 0 ? ` (${plan.omitted} more not listed)` : ''}
        </caption>
        ${tableHead('kind', 'CIC id', 'name', 'change', 'calls', 'note')}
        <tbody>
          ${plan.changes.map(
            (c) =>
              html`<tr>
                <td>${c.kind}</td>
                <td><a href="/records/${c.kind}/${encodeURIComponent(c.cicId)}">${c.cicId}</a></td>
                <td>${c.name}</td>
                <td>${c.change}</td>
                <td>
                  <details>
                    <summary>${c.operations.map((o) => o.type).join(', ')}</summary>
                    <pre>${JSON.stringify(c.operations, null, 2)}</pre>
                  </details>
                </td>
                <td>
                  ${c.heldByDeletionGuard ? 'held by the deletion guard ' : ''}${c.waitsForDependencies ? 'waits for dependencies' : ''}
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
}
