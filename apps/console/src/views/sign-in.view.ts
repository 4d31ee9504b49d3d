import { html, type Html } from './html';

/** The sign-in page: a CIC administrator or a local operator account; the form carries a sign-in CSRF token. */
export function signInView(options: { csrf: string; message?: string; cic: boolean; name?: string }): Html {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Sign in · Cloud Bridge console</title>
        <link rel="stylesheet" href="/assets/console.css" />
      </head>
      <body class="sign-in">
        <main id="main">
          <h1>Cloud Bridge console</h1>
          <p>
            ${options.cic ? 'Sign in with your CIC user id and password (a Master Administrator), or a local operator account.' : 'Sign in with a local operator account.'}
          </p>
          ${options.message ? html`<p class="state bad" role="alert">${options.message}</p>` : ''}
          <form method="post" action="/sign-in">
            <input type="hidden" name="_csrf" value="${options.csrf}" />
            <label
              >User
              <input
                name="name"
                autocomplete="username"
                required
                maxlength="256"
                value="${options.name ?? ''}"
                autofocus
            /></label>
            <label
              >Password
              <input name="password" type="password" autocomplete="current-password" required maxlength="256"
            /></label>
            <button type="submit">Sign in</button>
          </form>
        </main>
      </body>
    </html>`;
}
