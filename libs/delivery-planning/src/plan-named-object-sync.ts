import type { DesiredNamedObject } from '@bridge/contracts';
import type { ActualNamedObject } from './genesys-state';
import type { NamedObjectOperation } from './operations';

export type NamedObjectKind = 'skill' | 'language' | 'wrapUpCode';

/**
 * The calls that make a skill, language or wrap-up code match its desired name. Wrap-up codes can be renamed
 * (PUT); skills and languages cannot (reference §3), so a new name is a delete and a create.
 */
export function planNamedObjectSync(
  kind: NamedObjectKind,
  desired: DesiredNamedObject | undefined,
  actual: ActualNamedObject | undefined,
): NamedObjectOperation[] {
  if (!desired) return actual ? [{ type: 'deleteNamed' }] : [];
  if (!actual) return [{ type: 'createNamed', name: desired.name }];
  if (actual.name === desired.name) return [];
  return kind === 'wrapUpCode'
    ? [{ type: 'renameNamed', name: desired.name }]
    : [{ type: 'deleteNamed' }, { type: 'createNamed', name: desired.name }];
}
