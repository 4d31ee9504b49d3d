import spec from './fixtures/genesys-openapi-subset.json';

/**
 * A small Swagger 2.0 checker for responses: types, formats, enums, required fields, and — the point of it —
 * properties the model does not define, which is how a misspelt field in the simulator would show up.
 * The fixture is a copy of the reference file genesys-openapi-subset.json (rebuilt from the official SDK).
 */
export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  required?: string[];
  items?: Schema;
}

interface Operation {
  operationId?: string;
  responses?: Record<string, { schema?: Schema }>;
}

const definitions = spec.definitions as unknown as Record<string, Schema>;
const paths = spec.paths as unknown as Record<string, Record<string, Operation>>;

export function definition(name: string): Schema {
  const found = definitions[name];
  if (!found) throw new Error(`No definition ${name}`);
  return found;
}

export function operationIds(): string[] {
  return Object.values(paths).flatMap((operations) =>
    Object.values(operations).flatMap((operation) => (operation.operationId ? [operation.operationId] : [])),
  );
}

export function responseSchema(operationId: string): Schema | undefined {
  for (const operations of Object.values(paths)) {
    for (const operation of Object.values(operations)) {
      if (operation.operationId === operationId) return operation.responses?.['2xx']?.schema;
    }
  }
  throw new Error(`No operation ${operationId}`);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function validate(value: unknown, schema: Schema, path = '$'): string[] {
  if (schema.$ref) return validate(value, definition(schema.$ref.replace('#/definitions/', '')), path);
  if (value === undefined || value === null) return [];
  const errors: string[] = [];
  if (schema.enum && !schema.enum.includes(value))
    errors.push(`${path}: ${JSON.stringify(value)} is not one of ${schema.enum.join('|')}`);
  const type: string = schema.type ?? 'object';
  switch (type) {
    case 'string':
      if (typeof value !== 'string') return [`${path}: expected a string, got ${JSON.stringify(value)}`];
      if (schema.format === 'date-time' && Number.isNaN(Date.parse(value)))
        errors.push(`${path}: not a date-time`);
      return errors;
    case 'integer':
      return Number.isInteger(value)
        ? errors
        : [`${path}: expected an integer, got ${JSON.stringify(value)}`];
    case 'number':
      return typeof value === 'number' ? errors : [`${path}: expected a number`];
    case 'boolean':
      return typeof value === 'boolean' ? errors : [`${path}: expected a boolean`];
    case 'array':
      if (!Array.isArray(value)) return [`${path}: expected an array`];
      return value.flatMap((item, i) => (schema.items ? validate(item, schema.items, `${path}[${i}]`) : []));
    default: {
      if (!schema.properties && !schema.additionalProperties) return errors;
      if (!isRecord(value)) return [`${path}: expected an object`];
      for (const name of schema.required ?? [])
        if (value[name] === undefined) errors.push(`${path}.${name}: required`);
      for (const [key, item] of Object.entries(value)) {
        const property = schema.properties?.[key];
        if (property) errors.push(...validate(item, property, `${path}.${key}`));
        else if (isRecord(schema.additionalProperties))
          errors.push(...validate(item, schema.additionalProperties, `${path}.${key}`));
        else if (schema.additionalProperties !== true) errors.push(`${path}.${key}: not in the model`);
      }
      return errors;
    }
  }
}
