import { CONFIG_KINDS, type ConfigKind } from '../icws-names';
import type { ContactCenter } from './contact-center';
import type { JsonObject } from './json';
import { Registry } from './registry';

export interface ConfigRef {
  kind: ConfigKind;
  id: string;
}

/** What one admin change did to the objects of one kind, as full ICWS objects before and after. */
export interface ConfigDelta {
  kind: ConfigKind;
  added: JsonObject[];
  changed: { before: JsonObject; after: JsonObject }[];
  removed: JsonObject[];
}

const refKey = (ref: ConfigRef) => `${ref.kind}/${Registry.key(ref.id)}`;

/**
 * Every object whose ICWS form may change when `target` changes: references carry display names, and a user's
 * effective skills come from its workgroups, so a change ripples to the objects that point at it.
 */
export function rippleOf(center: ContactCenter, target: ConfigRef): ConfigRef[] {
  const refs: ConfigRef[] = [target];
  const key = Registry.key(target.id);
  switch (target.kind) {
    case 'users':
      center
        .workgroupsOf(target.id)
        .forEach((workgroup) => refs.push({ kind: 'workgroups', id: workgroup.id }));
      break;
    case 'workgroups':
      center.workgroups.get(target.id)?.members.forEach((member) => refs.push({ kind: 'users', id: member }));
      break;
    case 'skills':
      for (const workgroup of center.workgroups.values()) {
        if (workgroup.skills.some((assignment) => Registry.key(assignment.skillId) === key)) {
          refs.push({ kind: 'workgroups', id: workgroup.id });
          workgroup.members.forEach((member) => refs.push({ kind: 'users', id: member }));
        }
      }
      for (const user of center.users.values()) {
        if (user.skills.some((assignment) => Registry.key(assignment.skillId) === key)) {
          refs.push({ kind: 'users', id: user.id });
        }
      }
      break;
    case 'wrapUpCodes':
      for (const workgroup of center.workgroups.values()) {
        if (workgroup.wrapUpCodes.some((code) => Registry.key(code) === key)) {
          refs.push({ kind: 'workgroups', id: workgroup.id });
        }
      }
      break;
  }
  return refs;
}

export type Rendered = Map<string, { ref: ConfigRef; object: JsonObject | undefined }>;

export function renderRefs(
  render: (ref: ConfigRef) => JsonObject | undefined,
  refs: readonly ConfigRef[],
): Rendered {
  const rendered: Rendered = new Map();
  for (const ref of refs) {
    const key = refKey(ref);
    if (!rendered.has(key)) rendered.set(key, { ref, object: render(ref) });
  }
  return rendered;
}

/**
 * Compares two renderings of the same refs (taken before and after a change), kind by kind; unchanged objects
 * drop out. The refs must be the ripple of the change computed before it, which covers every object it can touch.
 */
export function deltasBetween(before: Rendered, after: Rendered): ConfigDelta[] {
  const deltas = new Map<ConfigKind, ConfigDelta>(
    CONFIG_KINDS.map((kind) => [kind, { kind, added: [], changed: [], removed: [] }]),
  );
  for (const [key, { ref, object: was }] of before) {
    const delta = deltas.get(ref.kind) as ConfigDelta;
    const now = after.get(key)?.object;
    if (!was && now) delta.added.push(now);
    else if (was && !now) delta.removed.push(was);
    else if (was && now && JSON.stringify(was) !== JSON.stringify(now))
      delta.changed.push({ before: was, after: now });
  }
  return [...deltas.values()].filter(
    (delta) => delta.added.length + delta.changed.length + delta.removed.length > 0,
  );
}
