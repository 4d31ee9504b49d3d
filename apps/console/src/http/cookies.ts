/** The console's cookies: the session, and the sign-in form's CSRF token (before there is a session). */
export const SESSION_COOKIE = 'console_session';
export const SIGN_IN_COOKIE = 'console_sign_in';

/** The cookies of a request (no dependency: one header, split). */
export function cookiesOf(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at <= 0) continue;
    const name = part.slice(0, at).trim();
    const value = part.slice(at + 1).trim();
    try {
      cookies.set(name, decodeURIComponent(value));
    } catch {
      // A malformed cookie is ignored, as if it were not sent.
    }
  }
  return cookies;
}

/** A Set-Cookie value: HttpOnly and SameSite=Strict always, Secure when the console is reached over https. */
export function cookie(
  name: string,
  value: string,
  options: { secure: boolean; maxAgeSeconds?: number },
): string {
  return [
    `${name}=${encodeURIComponent(value)}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    ...(options.secure ? ['Secure'] : []),
    ...(options.maxAgeSeconds === undefined ? [] : [`Max-Age=${options.maxAgeSeconds}`]),
  ].join('; ');
}
