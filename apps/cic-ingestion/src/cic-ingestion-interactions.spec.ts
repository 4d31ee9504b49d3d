import { ICWS } from '@bridge/cic-sync';
import { Logger } from '@nestjs/common';
import { ingestionOn } from './test-support/ingestion-harness';

beforeAll(() => {
  Logger.overrideLogger(false);
});

const Q = ICWS.queues;
const A = ICWS.interaction;

const workgroups = (items: object[]) => ({
  ok: true as const,
  message: { __type: ICWS.messageTypes.workgroup, isDelta: false, added: items, changed: [], removed: [] },
});
const workgroup = (id: string, hasQueue: boolean) => ({
  configurationId: { id },
  [ICWS.workgroup.hasQueue]: hasQueue,
  [ICWS.workgroup.queueType]: hasQueue ? 'ACD' : 'None',
});
const queued = (id: string, state = 'O') => ({
  ok: true as const,
  message: {
    __type: Q.messageType,
    isDelta: true,
    [Q.interactionsAdded]: [
      {
        [Q.interactionId]: id,
        [Q.attributes]: {
          [A.objectType]: 'Chat',
          [A.callDirection]: 'I',
          [A.state]: state,
          [A.stateChangeTime]: '20261201T120000.000Z',
          [A.workgroupName]: 'Sales',
          [A.initiationTime]: '20261201T120000.000Z',
          [A.terminationTime]: state === 'E' ? '20261201T120010.000Z' : '',
        },
      },
    ],
  },
});

it('watches the queue of every known workgroup that has one, following the workgroups', async () => {
  const { ingestion, queueWatch, session, workgroupPuts } = ingestionOn();
  await queueWatch.open(session);
  await ingestion.receive(workgroups([workgroup('Sales', true), workgroup('Lobby', false)]));
  await queueWatch.settled();
  expect(workgroupPuts).toEqual([['Sales']]);
});

it('records each interaction on its own stream, and a change seen again not at all', async () => {
  const { ingestion, appended } = ingestionOn();
  await ingestion.receive(queued('1001'));
  await ingestion.receive(queued('1002'));
  await ingestion.receive(queued('1001'));
  await ingestion.receive(queued('1001', 'E'));
  expect(await appended()).toEqual([
    'CicInteractionStarted cic-interaction:1001',
    'CicInteractionStarted cic-interaction:1002',
    'CicInteractionDisconnected cic-interaction:1001',
  ]);
});
