/**
 * How large the parts of an SP-initiated login may be. An AuthnRequest is a handful of elements, yet it arrives
 * unauthenticated and compressed: a tiny deflated body can inflate into a document whose DOM exhausts the heap.
 * So every size is checked before the next, costlier step: the encoded text before decoding, the inflated XML
 * by the inflater's own output cap (the adapter passes `xmlBytes`), the markup count before any DOM is built.
 */
export const REQUEST_LIMITS = {
  /** The `SAMLRequest` parameter as received (base64, deflated or not). */
  encodedChars: 16 * 1024,
  /** The AuthnRequest XML, after inflating. */
  xmlBytes: 64 * 1024,
  /** Markup openings (`<`): bounds the number of elements, and with it their depth, before parsing. */
  markup: 200,
  /** SAML bindings §3.4.3 asks SPs to keep RelayState short; some send more than it asks, none this much. */
  relayStateBytes: 1024,
  /** A CIC user id typed into the login form; it keys the user throttle. */
  userIdChars: 256,
} as const;

export type RequestLimitCheck =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly reason:
        'missingRequest' | 'requestTooLarge' | 'tooManyElements' | 'doctype' | 'relayStateTooLong';
    };

const OK: RequestLimitCheck = { ok: true };

/** The raw `SAMLRequest` parameter, before it is decoded. */
export function checkEncodedSamlRequest(encoded: string | undefined): RequestLimitCheck {
  if (encoded === undefined || encoded === '') return { ok: false, reason: 'missingRequest' };
  return encoded.length > REQUEST_LIMITS.encodedChars ? { ok: false, reason: 'requestTooLarge' } : OK;
}

/**
 * The decoded XML, before an XML parser sees it. A DTD is refused outright: an AuthnRequest never needs one, and
 * entity expansion is the other way to grow a small document into a huge one.
 */
export function checkAuthnRequestXml(xml: string): RequestLimitCheck {
  if (Buffer.byteLength(xml, 'utf8') > REQUEST_LIMITS.xmlBytes)
    return { ok: false, reason: 'requestTooLarge' };
  let markup = 0;
  for (let at = xml.indexOf('<'); at !== -1; at = xml.indexOf('<', at + 1))
    if (++markup > REQUEST_LIMITS.markup) return { ok: false, reason: 'tooManyElements' };
  return /<!DOCTYPE/i.test(xml) ? { ok: false, reason: 'doctype' } : OK;
}

/** The RelayState the SP asks to get back; it is kept with the pending login until the user signs in. */
export function checkRelayState(relayState: string | undefined): RequestLimitCheck {
  return relayState !== undefined && Buffer.byteLength(relayState, 'utf8') > REQUEST_LIMITS.relayStateBytes
    ? { ok: false, reason: 'relayStateTooLong' }
    : OK;
}
