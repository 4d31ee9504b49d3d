/**
 * An agent's CIC client as far as the inbox needs it: signs in to the CIC simulator, subscribes to custom
 * notifications addressed to the agent (or, for the bench, to several agents), and keeps every one it polls with
 * the time it arrived. Plain fetch, not the project's ICWS client: the test stands where Interaction Connect would.
 */
export interface AgentClient {
  /** Every custom notification received so far, in order. */
  readonly received: { objectId: string; eventId: string; data: string[]; receivedAt: number }[];
  stop(): Promise<void>;
}

export async function startAgentClient(
  cicUrl: string,
  userId: string,
  subscribed: readonly { objectId: string; eventId: string }[],
  options: { password?: string; pollMs?: number } = {},
): Promise<AgentClient> {
  const password = options.password ?? '1234';
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
  const subscription = await fetch(`${base}/messaging/subscriptions/system/handler-sent-notifications`, {
    method: 'PUT',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ headers: subscribed }),
  });
  if (subscription.status !== 200) throw new Error(`agent subscription: ${subscription.status}`);
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
      const receivedAt = Date.now();
      for (const { __type: _type, ...message } of messages) received.push({ ...message, receivedAt });
      await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 100));
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
