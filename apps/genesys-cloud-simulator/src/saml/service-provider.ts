import { randomUUID } from 'node:crypto';
import { SAML, ValidateInResponseTo } from '@node-saml/node-saml';
import { DOMParser, type Document, type Element } from '@xmldom/xmldom';

/**
 * Genesys Cloud's side of SAML SSO (login.<host>/saml): node-saml checks the signature against the configured
 * IdP certificate(s), the audience, the ±10 s clock window and InResponseTo for SP-initiated logins; this class
 * adds what node-saml leaves out — the SubjectConfirmationData Recipient and Destination must be the ACS URL,
 * and an assertion is accepted once only.
 */
export interface SamlSpOptions {
  /** PEM (or bare base64) certificates; Genesys allows the main one plus up to 4 more. */
  readonly idpCerts: readonly string[];
  /** Target URL: where SP-initiated logins are redirected (HTTP-Redirect binding). */
  readonly idpSsoUrl?: string;
  /** The IdP's issuer; when set, Responses from another issuer are refused. */
  readonly idpEntityId?: string;
  /** The SP entity id / audience, e.g. `genesys.cloud.my-org`. */
  readonly spEntityId: string;
  /** The ACS URL (`<simulator>/saml`), which Recipient and Destination must equal. */
  readonly acsUrl: string;
  readonly orgName: string;
}

export interface SignedInUser {
  readonly sessionId: string;
  readonly nameId: string;
  readonly userId: string;
  readonly attributes: Record<string, unknown>;
  readonly spInitiated: boolean;
  readonly at: string;
}

export type SamlOutcome =
  { readonly ok: true; readonly user: SignedInUser } | { readonly ok: false; readonly reason: string };

export const SAML_CLOCK_SKEW_MS = 10_000;

function attr(element: Element | undefined, name: string): string | undefined {
  const value = element?.getAttribute(name);
  return value === null || value === undefined || value === '' ? undefined : value;
}

function first(doc: Document, localName: string): Element | undefined {
  return doc.getElementsByTagNameNS('*', localName).item(0) ?? undefined;
}

export class SamlServiceProvider {
  private saml: SAML;
  private readonly usedAssertions = new Map<string, number>();
  readonly sessions = new Map<string, SignedInUser>();

  constructor(
    readonly options: SamlSpOptions,
    /** Resolves a NameID (email) to an active Genesys user id, or undefined. */
    private readonly findUser: (email: string) => string | undefined,
  ) {
    this.saml = this.build();
  }

  private build(): SAML {
    return new SAML({
      callbackUrl: this.options.acsUrl,
      entryPoint: this.options.idpSsoUrl ?? 'about:blank',
      issuer: this.options.spEntityId,
      audience: this.options.spEntityId,
      idpCert: [...this.options.idpCerts],
      idpIssuer: this.options.idpEntityId,
      acceptedClockSkewMs: SAML_CLOCK_SKEW_MS,
      validateInResponseTo: ValidateInResponseTo.ifPresent,
      requestIdExpirationPeriodMs: 10 * 60_000,
      // Genesys accepts a signature on the Response or on the Assertion; node-saml still demands one of them.
      wantAuthnResponseSigned: false,
      wantAssertionsSigned: false,
      disableRequestedAuthnContext: true,
      identifierFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
    });
  }

  get canStartLogin(): boolean {
    return this.options.idpSsoUrl !== undefined;
  }

  /** SP-initiated SSO: an AuthnRequest on the IdP's Target URL (Redirect binding); its id is remembered. */
  async loginUrl(relayState: string): Promise<string> {
    if (!this.options.idpSsoUrl) throw new Error('No IdP SSO URL is configured (GC_SIM_IDP_SSO_URL)');
    return this.saml.getAuthorizeUrlAsync(relayState, undefined, {});
  }

  metadata(): string {
    return this.saml.generateServiceProviderMetadata(null);
  }

  async consume(samlResponse: string): Promise<SamlOutcome> {
    let xml: string;
    try {
      xml = Buffer.from(samlResponse, 'base64').toString('utf8');
    } catch {
      return { ok: false, reason: 'SAMLResponse is not base64' };
    }
    let doc: Document;
    try {
      doc = new DOMParser().parseFromString(xml, 'text/xml');
    } catch {
      return { ok: false, reason: 'SAMLResponse is not well-formed XML' };
    }
    const response = first(doc, 'Response');
    const assertion = first(doc, 'Assertion');
    if (!response || !assertion) return { ok: false, reason: 'Not a SAML Response with an Assertion' };
    const assertionId = attr(assertion, 'ID') ?? '';
    const spInitiated = attr(response, 'InResponseTo') !== undefined;

    let profile: Record<string, unknown> | null | undefined;
    try {
      ({ profile } = await this.saml.validatePostResponseAsync({ SAMLResponse: samlResponse }));
    } catch (error) {
      return { ok: false, reason: error instanceof Error ? error.message : 'Invalid SAML Response' };
    }
    if (!profile) return { ok: false, reason: 'The Response carries no profile' };

    const destination = attr(response, 'Destination');
    if (destination !== undefined && destination !== this.options.acsUrl) {
      return { ok: false, reason: `Destination ${destination} is not the ACS URL ${this.options.acsUrl}` };
    }
    const recipient = attr(first(doc, 'SubjectConfirmationData'), 'Recipient');
    if (recipient !== this.options.acsUrl) {
      return {
        ok: false,
        reason: `Recipient ${recipient ?? '(none)'} is not the ACS URL ${this.options.acsUrl}`,
      };
    }
    this.forgetExpired();
    if (this.usedAssertions.has(assertionId))
      return { ok: false, reason: `Assertion ${assertionId} was already used` };
    this.usedAssertions.set(assertionId, Date.now() + 10 * 60_000);

    const nameId = typeof profile['nameID'] === 'string' ? profile['nameID'] : '';
    const orgName = profile['OrganizationName'];
    if (typeof orgName === 'string' && orgName !== this.options.orgName) {
      return { ok: false, reason: `OrganizationName ${orgName} is not this org (${this.options.orgName})` };
    }
    const userId = this.findUser(nameId);
    if (!userId) return { ok: false, reason: `No active user has the email ${nameId}` };
    const attributes = Object.fromEntries(
      Object.entries(profile).filter(
        ([key]) =>
          ![
            'issuer',
            'nameID',
            'nameIDFormat',
            'sessionIndex',
            'getAssertionXml',
            'getAssertion',
            'getSamlResponseXml',
            'inResponseTo',
            'nameQualifier',
            'spNameQualifier',
          ].includes(key),
      ),
    );
    const user: SignedInUser = {
      sessionId: randomUUID(),
      nameId,
      userId,
      attributes,
      spInitiated,
      at: new Date().toISOString(),
    };
    this.sessions.set(user.sessionId, user);
    return { ok: true, user };
  }

  private forgetExpired(): void {
    const now = Date.now();
    for (const [id, until] of this.usedAssertions) if (until < now) this.usedAssertions.delete(id);
  }

  reset(): void {
    this.usedAssertions.clear();
    this.sessions.clear();
    this.saml = this.build();
  }
}
