import {
  authnRequestXml,
  openLoginForm,
  postRequest,
  redirectUrl,
  startIdp,
  type IdpUnderTest,
} from './support';

// What an unauthenticated client can send the IdP, and that it stays up and answers as little as possible.

let idp: IdpUnderTest;

beforeAll(async () => {
  idp = await startIdp();
});

afterAll(async () => {
  await idp?.close();
});

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started };
}

describe('decompression and DOM bombs', () => {
  // A valid AuthnRequest padded with a mebibyte of empty elements: deflated, well under two kilobytes.
  const bomb = authnRequestXml({}, { extensions: '<a/>'.repeat(262_144) });

  it('answers a Redirect-binding bomb with 400 at once, and keeps answering /health', async () => {
    const url = redirectUrl(idp.url, bomb);
    expect(url.length).toBeLessThan(4096);
    const { result, ms } = await timed(() => fetch(url));
    expect(result.status).toBe(400);
    expect(ms).toBeLessThan(200);
    expect((await fetch(`${idp.url}/health`)).status).toBe(200);
  });

  it('answers a POST-binding bomb with 400 at once, and keeps answering /health', async () => {
    const { result, ms } = await timed(() => postRequest(idp.url, bomb));
    expect(result.status).toBe(400);
    expect(ms).toBeLessThan(200);
    expect((await fetch(`${idp.url}/health`)).status).toBe(200);
  });

  it('refuses an uncompressed POST request with more elements than an AuthnRequest has', async () => {
    const wide = authnRequestXml({}, { extensions: '<a/>'.repeat(500) });
    expect((await postRequest(idp.url, wide, { deflate: false })).status).toBe(400);
  });

  it('still opens the login form for an ordinary request over either binding', async () => {
    expect((await openLoginForm(redirectUrl(idp.url, authnRequestXml()))).login).not.toBe('');
    expect((await openLoginForm(await postRequest(idp.url, authnRequestXml()))).login).not.toBe('');
  });
});
