/**
 * An agent's CIC client as far as the inbox needs it: signs in to the CIC simulator as the agent, subscribes to
 * custom notifications addressed to it, and keeps every one it polls. Plain fetch, not the project's ICWS client:
 * the test stands where Interaction Connect would.
 */
export interface AgentClient {
  /** Every custom notification received so far, in order. */
  readonly received: { objectId: string; eventId: string; data: string[] }[];
  stop(): Promise<void>;
}

export async function startAgentClient(
  cicUrl: string,
  userId: string,
  header: { objectId: string; eventId: string },
  password = '1234',
): Promise<AgentClient> {
  const connected = await fetch(`${cicUrl}/icws/connection`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': 'en-us' },
    body: JSON.stringify({
      __type: 'urn:inin.com:connection:icAuthConnectionRequestSettings',
      applicationName: 'inbox agent',
      userID: userId,
      password,
    }),
  });
  if (connected.status !== 201) throw new Error(`agent sign-in: ${connected.status}`);
  const body = (await connected.json()) as { sessionId: string; csrfToken: string };
  const headers = {
    'ININ-ICWS-CSRF-Token': body.csrfToken,
    cookie: (connected.headers.get('set-cookie') ?? '').split(';')[0] ?? '',
  };
  const base = `${cicUrl}/icws/${body.sessionId}`;
  const subscribed = await fetch(`${base}/messaging/subscriptions/system/handler-sent-notifications`, {
    method: 'PUT',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ headers: [header] }),
  });
  if (subscribed.status !== 200) throw new Error(`agent subscription: ${subscribed.status}`);
  const received: AgentClient['received'] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const response = await fetch(`${base}/messaging/messages`, { headers });
      const messages = (await response.json()) as {
        __type: string;
        objectId: string;
        eventId: string;
        data: string[];
      }[];
      for (const { __type: _type, ...message } of messages) received.push(message);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return {
    received,
    stop: async () => {
      running = false;
      await loop;
    },
  };
}
