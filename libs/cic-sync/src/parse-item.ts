import {
  CIC_TEXT_LIMITS,
  cicIdSchema,
  cicSkillSchema,
  cicUserSchema,
  cicWorkgroupSchema,
  cicWrapUpCodeSchema,
  type CicObjectKind,
  type CicSkillAssignment,
} from '@bridge/contracts';
import { z } from 'zod';
import { ABSENT_PROPERTIES, ICWS, type AbsentProperty } from './icws-names';
import type { CicObject, CicObjectByKind } from './kinds';
import { rejectionOfIssues, type Rejection } from './rejection';

export type ItemResult<K extends CicObjectKind> =
  | {
      readonly ok: true;
      readonly id: string;
      readonly object: CicObjectByKind[K];
      /** The optional properties this item lacked, so read with their defaults. */
      readonly defaulted: readonly AbsentProperty[];
    }
  | { readonly ok: false; readonly rejection: Rejection };

// ICWS leaves NULL properties out, and a delta sends an explicit null to clear one (§3.5): both mean "absent".
// The cap is checked here, on the wire name, so a rejection names the ICWS property an admin can find.
const text = (max: number) =>
  z
    .string()
    .max(max)
    .nullish()
    .transform((value) => value ?? undefined);
const L = CIC_TEXT_LIMITS;
const idRef = z.object({ [ICWS.common.id]: cicIdSchema });
const skillItem = z.object({
  [ICWS.common.id]: idRef,
  [ICWS.user.proficiency]: z.number().int().min(0).max(100),
  [ICWS.user.desireToUse]: z.number().int().min(0).max(100).nullish(),
});
const list = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .nullish()
    .transform((value) => value ?? []);

const P = ICWS.user.phones;
const userItem = z.object({
  [ICWS.user.personalInformationProperties]: z
    .object({
      [ICWS.user.emailAddress]: text(L.email),
      [P.business]: text(L.phone),
      [P.business2]: text(L.phone),
      [P.mobile]: text(L.phone),
      [P.home]: text(L.phone),
      [P.fax]: text(L.phone),
    })
    .nullish(),
  [ICWS.user.mailboxProperties]: z.object({ [ICWS.user.emailAddress]: text(L.email) }).nullish(),
  [ICWS.user.skills]: z.object({ [ICWS.user.actualValue]: list(skillItem) }).nullish(),
});
const W = ICWS.workgroup;
const workgroupItem = z.object({
  [W.queueType]: z.string().max(L.queueType).nullish(),
  [W.hasQueue]: z.boolean().nullish(),
  [W.isActive]: z.boolean().nullish(),
  [W.members]: list(idRef),
  [W.skills]: list(skillItem),
  [W.wrapUpCodes]: list(idRef),
});
const skillObject = z.object({ [ICWS.skill.treatAsLanguage]: z.boolean().nullish() });
// Absent lists read as empty (list above) and absent texts as unset (text above); the defaults of the scalars:
const AW = ABSENT_PROPERTIES.workgroup;

type SkillItem = z.infer<typeof skillItem>;

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

// Sets come back in the server's order; sorting makes a reordering no change at all.
function assignments(items: readonly SkillItem[]): CicSkillAssignment[] {
  return items
    .map((item) => {
      const desireToUse = item[ICWS.user.desireToUse];
      return {
        skillId: item[ICWS.common.id][ICWS.common.id],
        proficiency: item[ICWS.user.proficiency],
        ...(desireToUse === null || desireToUse === undefined ? {} : { desireToUse }),
      };
    })
    .sort((a, b) => byId(a.skillId, b.skillId));
}

const ids = (refs: readonly { id: string }[]) => refs.map((ref) => ref.id).sort(byId);

/** Drops undefined members, so an object compares and stores the same whether a field was absent or cleared. */
export function defined<T extends object>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as T;
}

/** The configurationId of an item: its id (the object's name) and display name, or why there is none. */
export function identify(
  kind: CicObjectKind,
  raw: unknown,
): { ok: true; id: string; displayName: string | undefined } | { ok: false; rejection: Rejection } {
  const reject = (reason: Rejection['reason'], detail: string, id?: string) => ({
    ok: false as const,
    rejection: { reason, detail, raw, kind, ...(id === undefined ? {} : { id }) },
  });
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return reject('itemNotObject', 'item is not an object');
  const configurationId = (raw as Record<string, unknown>)[ICWS.common.configurationId];
  if (typeof configurationId !== 'object' || configurationId === null || Array.isArray(configurationId))
    return reject('missingConfigurationId', 'no configurationId object');
  const id = (configurationId as Record<string, unknown>)[ICWS.common.id];
  if (id === undefined || id === null) return reject('missingId', 'configurationId has no id');
  if (!cicIdSchema.safeParse(id).success)
    return reject('invalidId', `id is not a string of 1–${L.id} characters`);
  const displayName = (configurationId as Record<string, unknown>)[ICWS.common.displayName];
  if (displayName !== undefined && displayName !== null && typeof displayName !== 'string')
    return reject('invalidProperty', 'configurationId.displayName is not a string');
  if (typeof displayName === 'string' && displayName.length > L.name)
    return reject(
      'valueTooLong',
      `configurationId.displayName: longer than ${L.name} characters`,
      id as string,
    );
  return { ok: true, id: id as string, displayName: displayName ?? undefined };
}

/** One ICWS configuration item (as our subscription selects it) → the contracts' object, or a rejection. */
export function parseItem<K extends CicObjectKind>(kind: K, raw: unknown): ItemResult<K> {
  const identity = identify(kind, raw);
  if (!identity.ok) return identity;
  const { id, displayName } = identity;
  const object = toObject(kind, raw, id, displayName);
  if (object.success)
    return { ok: true, id, object: object.data as CicObjectByKind[K], defaulted: absentPaths(kind, raw) };
  return { ok: false, rejection: rejectionOfIssues(object.error, raw, kind, id) };
}

type Parsed = { success: true; data: CicObject } | { success: false; error: z.ZodError };

function toObject(kind: CicObjectKind, raw: unknown, id: string, displayName: string | undefined): Parsed {
  switch (kind) {
    case 'user': {
      const item = userItem.safeParse(raw);
      if (!item.success) return item;
      const info: Partial<Record<string, string>> = item.data[ICWS.user.personalInformationProperties] ?? {};
      return cicUserSchema.safeParse(
        defined({
          id,
          displayName,
          businessEmail: info[ICWS.user.emailAddress],
          mailboxEmail: item.data[ICWS.user.mailboxProperties]?.[ICWS.user.emailAddress],
          phones: defined({
            business: info[P.business],
            business2: info[P.business2],
            mobile: info[P.mobile],
            home: info[P.home],
            fax: info[P.fax],
          }),
          skills: assignments(item.data[ICWS.user.skills]?.[ICWS.user.actualValue] ?? []),
        }),
      );
    }
    case 'workgroup': {
      const item = workgroupItem.safeParse(raw);
      if (!item.success) return item;
      const queueType = item.data[W.queueType] ?? AW.queueType.default;
      return cicWorkgroupSchema.safeParse(
        defined({
          id,
          displayName,
          queueType,
          hasQueue: item.data[W.hasQueue] ?? (AW.hasQueue.default && queueType !== 'None'),
          isActive: item.data[W.isActive] ?? AW.isActive.default,
          members: ids(item.data[W.members]),
          skills: assignments(item.data[W.skills]),
          wrapUpCodes: ids(item.data[W.wrapUpCodes]),
        }),
      );
    }
    case 'skill': {
      const item = skillObject.safeParse(raw);
      if (!item.success) return item;
      return cicSkillSchema.safeParse(
        defined({
          id,
          displayName,
          treatAsLanguage:
            item.data[ICWS.skill.treatAsLanguage] ?? ABSENT_PROPERTIES.skill.treatAsLanguage.default,
        }),
      );
    }
    case 'wrapUpCode':
      return cicWrapUpCodeSchema.safeParse(defined({ id, displayName }));
  }
}

/** The optional properties (ABSENT_PROPERTIES) an item leaves out or sends as null. */
function absentPaths(kind: CicObjectKind, raw: unknown): AbsentProperty[] {
  const properties: Record<string, AbsentProperty> = ABSENT_PROPERTIES[kind];
  return Object.values(properties).filter((property) => valueAt(raw, property.path) === undefined);
}

function valueAt(raw: unknown, path: string): unknown {
  let current = raw;
  for (const segment of path.split('.')) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current ?? undefined;
}
