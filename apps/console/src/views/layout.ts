import type { Operator } from '../auth/sign-in';
import { html, type Html } from './html';

/** The pages of the navigation, in order; `path` is also what marks the current one. */
export const pages = [
  { path: '/', title: 'Health' },
  { path: '/status', title: 'Configuration status' },
  { path: '/records', title: 'Records' },
  { path: '/activity', title: 'Activity' },
  { path: '/actions', title: 'Operator actions' },
  { path: '/settings', title: 'Configuration' },
] as const;

export type PagePath = (typeof pages)[number]['path'];

export interface PageOptions {
  readonly title: string;
  readonly current: PagePath;
  readonly operator: Operator;
  /** Live topics that redraw this page's main part when they change (server-sent events). */
  readonly live?: readonly string[];
}

/**
 * Every signed-in page: a skip link, the navigation, the signed-in operator and sign-out, and the page's main
 * part. No inline script or style: the Content-Security-Policy allows only the console's own assets.
 */
export function layout(options: PageOptions, main: Html): Html {
  const { title, current, operator, live = [] } = options;
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="csrf-token" content="${operator.csrfToken}" />
        <title>${title} · Cloud Bridge console</title>
        <link rel="stylesheet" href="/assets/console.css" />
        <script src="/assets/console.js" defer></script>
      </head>
      <body>
        <a class="skip" href="#main">Skip to content</a>
        <header>
          <span class="brand">Cloud Bridge <small>for PureConnect</small></span>
          <nav aria-label="Pages">
            <ul>
              ${pages.map(
                (page) =>
                  html`<li>
                    <a href="${page.path}" ${page.path === current ? html` aria-current="page"` : ''}
                      >${page.title}</a
                    >
                  </li>`,
              )}
            </ul>
          </nav>
          <form method="post" action="/sign-out" class="who">
            <span
              >${operator.name}
              <small>(${operator.origin === 'cic' ? 'CIC administrator' : 'local operator'})</small></span
            >
            <input type="hidden" name="_csrf" value="${operator.csrfToken}" />
            <button type="submit">Sign out</button>
          </form>
        </header>
        <main id="main" tabindex="-1" data-live="${live.join(' ')}">
          <h1>${title}</h1>
          ${main}
        </main>
      </body>
    </html>`;
}

/** Just the main part, for a live redraw (the script asks with `X-Console-Fragment`). */
export function fragment(title: string, main: Html): Html {
  return html`<h1>${title}</h1>
    ${main}`;
}
