import { html, tableHead, type Html } from './html';

/** One effective setting: its value as it may be shown (none for a secret) and where it came from. */
export interface SettingRow {
  readonly name: string;
  readonly value?: string | undefined;
  readonly secret: boolean;
  readonly source: 'environment' | 'default';
}

/** Configuration: each service's effective settings, secrets never shown, and where each came from. */
export function settingsView(
  services: readonly { service: string; settings: readonly SettingRow[] }[],
): Html {
  return html`<p class="meta">
      Every value is an environment variable (docs/configuration.md). Secrets are never shown. A service that
      does not answer is left out.
    </p>
    ${services.map(({ service, settings }) => serviceSettings(service, settings))}`;
}

function serviceSettings(service: string, rows: readonly SettingRow[]): Html {
  return html`<div class="scroll">
    <table>
      <caption>
        ${service}
      </caption>
      ${tableHead('variable', 'value', 'from')}
      <tbody>
        ${rows.map(
          (r) =>
            html`<tr>
              <th scope="row"><code>${r.name}</code></th>
              <td>
                ${r.secret ? html`<span class="masked">${r.source === 'environment' ? '•••••• (set)' : 'not set'}</span>` : html`<code>${r.value ?? ''}</code>`}
              </td>
              <td>${r.source}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}
