import { ScimProblem } from './api-error';
import { CORE_USER, ENTERPRISE_USER, GENESYS_USER, LIST_RESPONSE } from './scim-schema';
import { EMAIL_TYPES, PHONE_TYPES } from './scim-users';

/**
 * The SCIM discovery documents. Values the reference could not find are [INF]: patch, filter and etag
 * supported; sort, bulk and changePassword not; filter.maxResults 25, the documented default page.
 */
type Json = Record<string, unknown>;
const RESOURCE_TYPE_URN = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const BASE = '/api/v2/scim/v2';

export function serviceProviderConfig(baseUrl: string): Json {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
    documentationUri: 'https://developer.genesys.cloud/useragentmanagement/scim/scim-documentation',
    patch: { supported: true },
    filter: { supported: true, maxResults: 25 },
    etag: { supported: true },
    sort: { supported: false },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    changePassword: { supported: false },
    authenticationSchemes: [
      {
        name: 'OAuth Bearer Token',
        description: 'Authentication scheme using the OAuth Bearer Token Standard',
        specUri: 'http://www.rfc-editor.org/info/rfc6750',
        type: 'oauthbearertoken',
        primary: true,
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${baseUrl}${BASE}/serviceproviderconfig` },
  };
}

function resourceTypes(baseUrl: string): Json[] {
  return [
    {
      schemas: [RESOURCE_TYPE_URN],
      id: 'User',
      name: 'User',
      description: 'User Account',
      endpoint: '/Users',
      schema: CORE_USER,
      schemaExtensions: [
        { schema: ENTERPRISE_USER, required: false },
        { schema: GENESYS_USER, required: false },
      ],
      meta: { resourceType: 'ResourceType', location: `${baseUrl}${BASE}/resourcetypes/User` },
    },
    {
      schemas: [RESOURCE_TYPE_URN],
      id: 'Group',
      name: 'Group',
      description: 'Group',
      endpoint: '/Groups',
      schema: GROUP,
      schemaExtensions: [],
      meta: { resourceType: 'ResourceType', location: `${baseUrl}${BASE}/resourcetypes/Group` },
    },
  ];
}

const attr = (name: string, type: string, extra: Json = {}): Json => ({
  name,
  type,
  multiValued: false,
  required: false,
  caseExact: false,
  mutability: 'readWrite',
  returned: 'default',
  uniqueness: 'none',
  ...extra,
});

function schemaDefinitions(baseUrl: string): Json[] {
  const meta = (id: string) => ({ resourceType: 'Schema', location: `${baseUrl}${BASE}/schemas/${id}` });
  const valueType = (types: string[]) => [
    attr('value', 'string'),
    attr('type', 'string', { canonicalValues: types }),
    attr('primary', 'boolean'),
  ];
  const proficiencyEntry = [
    attr('name', 'string', { required: true, caseExact: true }),
    attr('proficiency', 'decimal'),
  ];
  return [
    {
      id: CORE_USER,
      name: 'User',
      description: 'User Account',
      attributes: [
        attr('id', 'string', {
          mutability: 'readOnly',
          returned: 'always',
          caseExact: true,
          uniqueness: 'server',
        }),
        attr('userName', 'string', { required: true, returned: 'always', uniqueness: 'server' }),
        attr('displayName', 'string', { required: true }),
        attr('active', 'boolean', { returned: 'always' }),
        attr('password', 'string', { mutability: 'writeOnly', returned: 'never' }),
        attr('title', 'string'),
        attr('externalId', 'string', { caseExact: true }),
        attr('phoneNumbers', 'complex', {
          multiValued: true,
          subAttributes: valueType(PHONE_TYPES),
        }),
        attr('emails', 'complex', { multiValued: true, subAttributes: valueType(EMAIL_TYPES) }),
        attr('groups', 'complex', {
          multiValued: true,
          mutability: 'readOnly',
          subAttributes: [attr('value', 'string'), attr('$ref', 'reference', { referenceTypes: ['Group'] })],
        }),
        attr('roles', 'complex', { multiValued: true, subAttributes: [attr('value', 'string')] }),
      ],
      meta: meta(CORE_USER),
    },
    {
      id: ENTERPRISE_USER,
      name: 'EnterpriseUser',
      description: 'Enterprise User',
      attributes: [
        attr('division', 'string'),
        attr('department', 'string'),
        attr('manager', 'complex', {
          subAttributes: [attr('value', 'string'), attr('$ref', 'reference', { referenceTypes: ['User'] })],
        }),
        attr('employeeNumber', 'string'),
        attr('dateHire', 'string'),
      ],
      meta: meta(ENTERPRISE_USER),
    },
    {
      id: GENESYS_USER,
      name: 'GenesysUser',
      description: 'Genesys Cloud user extension',
      attributes: [
        attr('routingSkills', 'complex', { multiValued: true, subAttributes: proficiencyEntry }),
        attr('routingLanguages', 'complex', { multiValued: true, subAttributes: proficiencyEntry }),
        attr('externalIds', 'complex', {
          multiValued: true,
          subAttributes: [
            attr('authority', 'string', { required: true, caseExact: true }),
            attr('value', 'string', { required: true, caseExact: true }),
          ],
        }),
      ],
      meta: meta(GENESYS_USER),
    },
    {
      id: GROUP,
      name: 'Group',
      description: 'Group',
      attributes: [
        attr('displayName', 'string', { required: true }),
        attr('members', 'complex', { multiValued: true }),
      ],
      meta: meta(GROUP),
    },
  ];
}

const list = (resources: Json[]): Json => ({
  schemas: [LIST_RESPONSE],
  totalResults: resources.length,
  startIndex: 1,
  itemsPerPage: resources.length,
  Resources: resources,
});

export const listResourceTypes = (baseUrl: string): Json => list(resourceTypes(baseUrl));

export function getResourceType(baseUrl: string, id: string): Json {
  const found = resourceTypes(baseUrl).find((r) => String(r['id']).toLowerCase() === id.toLowerCase());
  if (!found) throw new ScimProblem(404, undefined, `Resource type ${id} not found`);
  return found;
}

/** `GET /schemas?filter=` is documented as unsupported: "Filtered results are invalid and return 403". */
export function listSchemas(baseUrl: string, filter: string | undefined): Json {
  if (filter !== undefined) throw new ScimProblem(403, undefined, 'Filtering schemas is not supported');
  return list(schemaDefinitions(baseUrl));
}

export function getSchema(baseUrl: string, id: string): Json {
  const found = schemaDefinitions(baseUrl).find((s) => s['id'] === id);
  if (!found) throw new ScimProblem(404, undefined, `Schema ${id} not found`);
  return found;
}
