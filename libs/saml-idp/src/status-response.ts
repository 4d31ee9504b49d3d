import type { ServiceProvider } from './service-provider';

const STATUS = 'urn:oasis:names:tc:SAML:2.0:status:';

/** A Response with no assertion, only a status, sent to the ACS URL like any other. */
export interface StatusResponseInput {
  readonly responseId: string;
  readonly inResponseTo: string;
  readonly destination: string;
  readonly issueInstant: string;
  /** SAML core §3.2.2.2: the top-level code, and the second-level one that says why. */
  readonly statusCode: string;
  readonly subStatusCode: string;
  readonly relayState?: string;
}

/**
 * The answer to an AuthnRequest with `IsPassive="true"`: this IdP cannot sign anyone in without asking for a
 * password, so it says so at once (SAML core §3.4.1) instead of showing a form the SP asked not to show.
 */
export function noPassiveResponse(
  request: { readonly requestId: string; readonly relayState?: string },
  sp: ServiceProvider,
  now: Date,
  responseId: string,
): StatusResponseInput {
  return {
    responseId,
    inResponseTo: request.requestId,
    destination: sp.acsUrl,
    issueInstant: now.toISOString(),
    statusCode: `${STATUS}Responder`,
    subStatusCode: `${STATUS}NoPassive`,
    ...(request.relayState === undefined ? {} : { relayState: request.relayState }),
  };
}
