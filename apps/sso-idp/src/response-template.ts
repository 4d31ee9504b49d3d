/**
 * The Response samlify fills in and signs. Ours rather than samlify's default because Genesys Cloud reads the
 * AttributeStatement (OrganizationName, email, ServiceName) and because an unsolicited Response must carry no
 * InResponseTo at all: samlify drops an attribute whose tag value is undefined, and escapes every value.
 */
const ATTRIBUTE = (name: string) =>
  `<saml:Attribute Name="${name}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:basic"><saml:AttributeValue xsi:type="xs:string">{${name}}</saml:AttributeValue></saml:Attribute>`;

export function responseTemplate(withServiceName: boolean): string {
  return [
    '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"',
    ' ID="{ID}" Version="2.0" IssueInstant="{IssueInstant}" Destination="{Destination}" InResponseTo="{InResponseTo}">',
    '<saml:Issuer>{Issuer}</saml:Issuer>',
    '<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>',
    '<saml:Assertion xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xs="http://www.w3.org/2001/XMLSchema"',
    ' ID="{AssertionID}" Version="2.0" IssueInstant="{IssueInstant}">',
    '<saml:Issuer>{Issuer}</saml:Issuer>',
    '<saml:Subject><saml:NameID Format="{NameIDFormat}">{NameID}</saml:NameID>',
    '<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">',
    '<saml:SubjectConfirmationData NotOnOrAfter="{NotOnOrAfter}" Recipient="{Recipient}" InResponseTo="{InResponseTo}"/>',
    '</saml:SubjectConfirmation></saml:Subject>',
    '<saml:Conditions NotBefore="{NotBefore}" NotOnOrAfter="{NotOnOrAfter}">',
    '<saml:AudienceRestriction><saml:Audience>{Audience}</saml:Audience></saml:AudienceRestriction></saml:Conditions>',
    '<saml:AuthnStatement AuthnInstant="{IssueInstant}" SessionIndex="{AssertionID}">',
    '<saml:AuthnContext><saml:AuthnContextClassRef>{AuthnContextClassRef}</saml:AuthnContextClassRef></saml:AuthnContext>',
    '</saml:AuthnStatement>',
    '<saml:AttributeStatement>',
    ATTRIBUTE('OrganizationName'),
    ATTRIBUTE('email'),
    withServiceName ? ATTRIBUTE('ServiceName') : '',
    '</saml:AttributeStatement>',
    '</saml:Assertion></samlp:Response>',
  ].join('');
}

/** A Response that only reports a status, with the second-level code that says why (NoPassive). */
export const STATUS_RESPONSE_TEMPLATE = [
  '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"',
  ' ID="{ID}" Version="2.0" IssueInstant="{IssueInstant}" Destination="{Destination}" InResponseTo="{InResponseTo}">',
  '<saml:Issuer>{Issuer}</saml:Issuer>',
  '<samlp:Status><samlp:StatusCode Value="{StatusCode}"><samlp:StatusCode Value="{SubStatusCode}"/></samlp:StatusCode></samlp:Status>',
  '</samlp:Response>',
].join('');
