import type {
  AssertionInput,
  AuthnRequestFacts,
  ServiceProvider,
  StatusResponseInput,
} from '@bridge/saml-idp';
import {
  checkAuthnRequestXml,
  checkEncodedSamlRequest,
  NAME_ID_FORMAT_EMAIL,
  REQUEST_LIMITS,
} from '@bridge/saml-idp';
import { DOMParser } from '@xmldom/xmldom';
import { inflateRawSync } from 'node:zlib';
import * as samlify from 'samlify';
import { responseTemplate, STATUS_RESPONSE_TEMPLATE } from './response-template';
import type { SigningKeys } from './signing-keys';

const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
const PROTOCOL_NS = 'urn:oasis:names:tc:SAML:2.0:protocol';

export const AUTHN_CONTEXT = {
  password: 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport',
  /** The user proved who they are to CIC earlier; the one-time token carries that session over. */
  cicSession: 'urn:oasis:names:tc:SAML:2.0:ac:classes:PreviousSession',
} as const;

/**
 * samlify insists on a schema validator before it parses anything. The only messages this IdP parses are
 * unsigned AuthnRequests, already held to the request limits (no DTD among them), whose fields are then checked
 * one by one (checkAuthnRequest), so a well-formedness and root-element check is enough.
 */
samlify.setSchemaValidator({
  validate: async (xml: string) => {
    const root = new DOMParser().parseFromString(xml, 'text/xml').documentElement;
    if (root?.localName !== 'AuthnRequest' || root.namespaceURI !== PROTOCOL_NS)
      throw new Error('not a SAML AuthnRequest');
    return 'ok';
  },
});

export type AuthnRequestBinding = 'redirect' | 'post';

/** The samlify side of the IdP: metadata, parsing AuthnRequests, rendering and signing Responses. */
export class IdentityProvider {
  private readonly signer: ReturnType<typeof samlify.IdentityProvider>;
  private readonly published: ReturnType<typeof samlify.IdentityProvider>;
  private readonly sp: ReturnType<typeof samlify.ServiceProvider>;
  /** The same SP for status-only Responses: there is no Assertion to sign, so only the message is. */
  private readonly statusSp: ReturnType<typeof samlify.ServiceProvider>;

  constructor(
    readonly entityId: string,
    readonly ssoUrl: string,
    readonly serviceProvider: ServiceProvider,
    keys: SigningKeys,
  ) {
    const settings = {
      entityID: entityId,
      privateKey: keys.privateKey,
      requestSignatureAlgorithm: RSA_SHA256,
      nameIDFormat: [NAME_ID_FORMAT_EMAIL],
      wantAuthnRequestsSigned: false,
      singleSignOnService: [
        { Binding: samlify.Constants.namespace.binding.redirect, Location: ssoUrl },
        { Binding: samlify.Constants.namespace.binding.post, Location: ssoUrl },
      ],
    };
    // Signatures carry the current certificate only; the metadata also announces the next one for rollover.
    this.signer = samlify.IdentityProvider({ ...settings, signingCert: keys.certificate });
    this.published = samlify.IdentityProvider({
      ...settings,
      signingCert: [keys.certificate, ...(keys.nextCertificate ? [keys.nextCertificate] : [])],
    });
    const spSettings = {
      entityID: serviceProvider.entityId,
      assertionConsumerService: [
        { Binding: samlify.Constants.namespace.binding.post, Location: serviceProvider.acsUrl },
      ],
      wantMessageSigned: true,
      authnRequestsSigned: false,
    };
    // Genesys accepts either signature; signing both satisfies SPs that want one or the other.
    this.sp = samlify.ServiceProvider({ ...spSettings, wantAssertionsSigned: true });
    this.statusSp = samlify.ServiceProvider({ ...spSettings, wantAssertionsSigned: false });
  }

  metadata(): string {
    return this.published.getMetadata();
  }

  /**
   * The fields of the `SAMLRequest` parameter, or an error when it is over the request limits or not a
   * well-formed AuthnRequest. It is decoded and size-checked here, and samlify is handed the checked XML only:
   * its own Redirect-binding inflate has no output limit.
   */
  async parseAuthnRequest(
    binding: AuthnRequestBinding,
    encoded: string | undefined,
  ): Promise<AuthnRequestFacts> {
    const xml = decodeAuthnRequest(binding, encoded);
    const body = { SAMLRequest: Buffer.from(xml, 'utf8').toString('base64') };
    const { extract } = (await this.signer.parseLoginRequest(this.sp, 'post', { body })) as {
      extract: {
        request?: {
          id?: string;
          issueInstant?: string;
          destination?: string;
          assertionConsumerServiceUrl?: string;
        };
        issuer?: string;
      };
    };
    // samlify does not extract IsPassive; the XML is small and well-formed by now.
    const root = new DOMParser().parseFromString(xml, 'text/xml').documentElement;
    return {
      id: extract.request?.id,
      issuer: extract.issuer,
      issueInstant: extract.request?.issueInstant,
      destination: extract.request?.destination,
      acsUrl: extract.request?.assertionConsumerServiceUrl,
      ...(root?.hasAttribute('IsPassive') ? { isPassive: root.getAttribute('IsPassive') ?? '' } : {}),
    };
  }

  /**
   * The base64 Response, signed (RSA-SHA256) on both the Assertion and the Response. Every value comes from the
   * decided AssertionInput; samlify's own defaults (a 5-minute window, its ids) are not used.
   */
  async signResponse(assertion: AssertionInput, authnContext: string): Promise<string> {
    const values: Record<string, string | undefined> = {
      ID: assertion.responseId,
      AssertionID: assertion.assertionId,
      IssueInstant: assertion.issueInstant,
      Destination: assertion.destination,
      InResponseTo: assertion.inResponseTo,
      Issuer: this.entityId,
      NameIDFormat: assertion.nameIdFormat,
      NameID: assertion.nameId,
      NotOnOrAfter: assertion.notOnOrAfter,
      NotBefore: assertion.notBefore,
      Recipient: assertion.recipient,
      Audience: assertion.audience,
      AuthnContextClassRef: authnContext,
      OrganizationName: assertion.attributes.OrganizationName,
      email: assertion.attributes.email,
      ServiceName: assertion.attributes.ServiceName,
    };
    const template = responseTemplate(assertion.attributes.ServiceName !== undefined);
    return this.sign(this.sp, assertion.responseId, template, values);
  }

  /** The base64 status-only Response (no assertion), signed as a message. */
  async signStatusResponse(response: StatusResponseInput): Promise<string> {
    return this.sign(this.statusSp, response.responseId, STATUS_RESPONSE_TEMPLATE, {
      ID: response.responseId,
      IssueInstant: response.issueInstant,
      Destination: response.destination,
      InResponseTo: response.inResponseTo,
      Issuer: this.entityId,
      StatusCode: response.statusCode,
      SubStatusCode: response.subStatusCode,
    });
  }

  private async sign(
    sp: ReturnType<typeof samlify.ServiceProvider>,
    id: string,
    template: string,
    values: Record<string, string | undefined>,
  ): Promise<string> {
    // samlify fills the tags in one after another, so a value holding `{Tag}` would be filled in again by a
    // later tag (the request id once dropped InResponseTo that way). No value may carry a brace.
    if (Object.values(values).some((value) => value !== undefined && /[{}]/.test(value)))
      throw new Error('a Response value contains a template brace');
    const { context } = await this.signer.createLoginResponse(
      sp,
      { extract: {} },
      'post',
      {},
      {
        customTagReplacement: () => ({ id, context: samlify.SamlLib.replaceTagsByValue(template, values) }),
      },
    );
    return context;
  }
}

/**
 * The AuthnRequest XML of a `SAMLRequest`, held to the request limits at each step. The Redirect binding always
 * deflates; the POST binding does not, but some SPs (node-saml among them) deflate it anyway, so a POST body that
 * does not decode to XML is inflated too. The inflater stops at the XML size limit rather than finish a bomb.
 */
function decodeAuthnRequest(binding: AuthnRequestBinding, encoded: string | undefined): string {
  const size = checkEncodedSamlRequest(encoded);
  if (!size.ok) throw new Error(`AuthnRequest refused: ${size.reason}`);
  const raw = Buffer.from(encoded ?? '', 'base64');
  const plain = binding === 'post' && raw.toString('utf8').trimStart().startsWith('<');
  let xml: string;
  try {
    xml = (plain ? raw : inflateRawSync(raw, { maxOutputLength: REQUEST_LIMITS.xmlBytes })).toString('utf8');
  } catch {
    throw new Error('AuthnRequest refused: not deflated, or over the size limit once inflated');
  }
  const shape = checkAuthnRequestXml(xml);
  if (!shape.ok) throw new Error(`AuthnRequest refused: ${shape.reason}`);
  return xml;
}
