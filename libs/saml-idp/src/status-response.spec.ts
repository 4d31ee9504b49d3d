import { noPassiveResponse } from './status-response';

const sp = { entityId: 'genesys.cloud.acme', acsUrl: 'https://login.mypurecloud.com/saml', orgName: 'acme' };

describe('noPassiveResponse', () => {
  it('answers the request at the ACS URL with a Responder / NoPassive status, passing RelayState on', () => {
    expect(
      noPassiveResponse(
        { requestId: '_req', relayState: 'r' },
        sp,
        new Date('2024-05-01T10:00:00Z'),
        '_resp',
      ),
    ).toEqual({
      responseId: '_resp',
      inResponseTo: '_req',
      destination: sp.acsUrl,
      issueInstant: '2024-05-01T10:00:00.000Z',
      statusCode: 'urn:oasis:names:tc:SAML:2.0:status:Responder',
      subStatusCode: 'urn:oasis:names:tc:SAML:2.0:status:NoPassive',
      relayState: 'r',
    });
  });
});
