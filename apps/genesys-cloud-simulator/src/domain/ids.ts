import { createHash, randomUUID } from 'node:crypto';

export const newId = (): string => randomUUID();

/** A stable UUID-shaped id derived from a name, for the built-in objects every fresh org has. */
export function stableId(name: string): string {
  const hex = createHash('sha256').update(`genesys-cloud-simulator:${name}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
