/** The SCIM schema URNs and the attribute names each one accepts (the ScimV2User models of the reference). */
export const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const ENTERPRISE_USER = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const GENESYS_USER = 'urn:ietf:params:scim:schemas:extension:genesys:purecloud:2.0:User';
export const LIST_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
export const EXTENSIONS = [ENTERPRISE_USER, GENESYS_USER] as const;

export const CORE_ATTRIBUTES = [
  'schemas',
  'id',
  'meta',
  'active',
  'userName',
  'displayName',
  'password',
  'title',
  'phoneNumbers',
  'emails',
  'externalId',
  'groups',
  'roles',
] as const;
export const ENTERPRISE_ATTRIBUTES = [
  'division',
  'department',
  'manager',
  'employeeNumber',
  'dateHire',
] as const;
export const GENESYS_ATTRIBUTES = ['routingSkills', 'routingLanguages', 'externalIds'] as const;

/** Attributes a client may not write; PATCH on them is a 400 mutability. */
export const READ_ONLY = new Set(['id', 'meta', 'groups', 'schemas']);

export const MULTI_VALUED = new Set([
  'phoneNumbers',
  'emails',
  'groups',
  'roles',
  'routingSkills',
  'routingLanguages',
  'externalIds',
]);

export function attributesOf(urn: string | undefined): readonly string[] {
  if (urn === ENTERPRISE_USER) return ENTERPRISE_ATTRIBUTES;
  if (urn === GENESYS_USER) return GENESYS_ATTRIBUTES;
  return CORE_ATTRIBUTES;
}

/** The canonical spelling of an attribute name (SCIM names are case-insensitive on input). */
export function canonicalName(urn: string | undefined, name: string): string | undefined {
  return attributesOf(urn).find((a) => a.toLowerCase() === name.toLowerCase());
}
