import type { Request } from 'express';

/** Small readers for query strings, which express hands over as string, string[] or undefined. */
export type Query = Record<string, unknown>;

export function str(query: Query, name: string): string | undefined {
  const value = query[name];
  if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** `id=a&id=b` and `id=a,b` both give ['a', 'b'] (the SDK sends repeated parameters). */
export function list(query: Query, name: string): string[] | undefined {
  const value = query[name];
  const raw = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
  const items = raw.flatMap((v) => (typeof v === 'string' ? v.split(',') : [])).filter((v) => v !== '');
  return items.length > 0 ? items : undefined;
}

/** The origin the client used, for absolute URIs (SCIM meta.location, upload URLs). */
export function baseUrlOf(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? '127.0.0.1'}`;
}
