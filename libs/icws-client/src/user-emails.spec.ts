import type { Fetch, IcwsSession } from './icws-session';
import { readOwnEmails } from './user-emails';

const session: IcwsSession = {
  baseUrl: 'http://cic:8018',
  userId: 'anna.oberg',
  sessionId: 's1',
  csrfToken: 'c1',
  cookie: 'icws_s1=abc',
  language: 'en-us',
  features: new Map(),
};

const answering = (status: number, body: unknown) => {
  const urls: string[] = [];
  const fetchFn = (async (input: string | URL | Request) => {
    urls.push(input instanceof Request ? input.url : input.toString());
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }) as Fetch;
  return { fetchFn, urls };
};

describe('readOwnEmails', () => {
  it("reads the signed-in user's business and mailbox emails from their own record", async () => {
    const { fetchFn, urls } = answering(200, {
      personalInformationProperties: { emailAddress: 'anna@example.com' },
      mailboxProperties: { emailAddress: 'anna.mailbox@example.com' },
    });
    await expect(readOwnEmails(session, {}, fetchFn)).resolves.toEqual({
      businessEmail: 'anna@example.com',
      mailboxEmail: 'anna.mailbox@example.com',
    });
    expect(urls).toEqual([
      'http://cic:8018/icws/s1/configuration/users/anna.oberg?select=personalInformationProperties.emailAddress,mailboxProperties.emailAddress',
    ]);
  });

  it('gives null for an email CIC leaves out', async () => {
    const { fetchFn } = answering(200, { mailboxProperties: {} });
    await expect(readOwnEmails(session, {}, fetchFn)).resolves.toEqual({
      businessEmail: null,
      mailboxEmail: null,
    });
  });

  it('throws the HTTP error when the record cannot be read', async () => {
    const { fetchFn } = answering(404, { message: 'no such user' });
    await expect(readOwnEmails(session, {}, fetchFn)).rejects.toMatchObject({
      name: 'IcwsHttpError',
      status: 404,
    });
  });
});
