import type { SsoPage } from '../login-flow';

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const STYLE =
  'body{font-family:system-ui,sans-serif;max-width:28rem;margin:4rem auto;padding:0 1rem}label{display:block;margin:.75rem 0}input{display:block;width:100%;padding:.4rem}button{margin-top:1rem;padding:.5rem 1rem}.error{color:#a00}';

function page(title: string, body: string, nonce?: string, script?: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escape(title)}</title><style>${STYLE}</style></head><body><h1>${escape(title)}</h1>${body}${script && nonce ? `<script nonce="${nonce}">${script}</script>` : ''}</body></html>`;
}

/** The HTML for an SsoPage; `nonce` allows the one inline script the auto-POST page needs. */
export function renderPage(view: SsoPage, nonce: string): string {
  switch (view.kind) {
    case 'loginForm':
      return page(
        'Sign in to Genesys Cloud with PureConnect',
        `${view.error ? `<p class="error" id="error" role="alert">${escape(view.error)}</p>` : ''}
<form method="post" action="/saml/login" autocomplete="off">
<input type="hidden" name="login" value="${escape(view.login.id)}">
<input type="hidden" name="csrf" value="${escape(view.login.csrfToken)}">
<label>CIC user id <input name="userId" id="userId" required value="${escape(view.userId ?? '')}" autocomplete="username"></label>
<label>Password <input name="password" id="password" type="password" autocomplete="current-password"></label>
<button type="submit" id="signIn">Sign in</button>
</form>`,
      );
    case 'autoPost':
      return page(
        'Signing in to Genesys Cloud…',
        `<form method="post" action="${escape(view.acsUrl)}">
<input type="hidden" name="SAMLResponse" value="${escape(view.samlResponse)}">
${view.relayState === undefined ? '' : `<input type="hidden" name="RelayState" value="${escape(view.relayState)}">`}
<noscript><button type="submit">Continue</button></noscript>
</form>`,
        nonce,
        'document.forms[0].submit();',
      );
    case 'error':
      return page(view.title, `<p id="reason">${escape(view.message)}</p>`);
  }
}
