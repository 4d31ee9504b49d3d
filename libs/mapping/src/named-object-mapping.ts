import type { CicState } from './cic-state';
import type { DesiredNamedState } from './target';

/**
 * A CIC skill is one Genesys Cloud object: an ACD skill, or a routing language with "Treat as Language". The
 * category it is not in is `absent` with a reason saying where it went, so toggling the flag deletes one and
 * creates the other under the same key.
 */
export function desiredSkill(
  state: CicState,
  skillId: string,
  category: 'skill' | 'language',
): DesiredNamedState {
  const skill = state.skills.get(skillId);
  if (!skill) return { key: skillId, state: 'absent', reason: 'removedFromCic' };
  if (skill.treatAsLanguage !== (category === 'language')) {
    return {
      key: skillId,
      state: 'absent',
      reason: skill.treatAsLanguage ? 'treatedAsLanguage' : 'notTreatedAsLanguage',
    };
  }
  return { key: skillId, state: 'present', document: { name: skill.displayName?.trim() || skill.id } };
}

/** Wrap-up codes carry their name only (DESIGN §1). */
export function desiredWrapUpCode(state: CicState, codeId: string): DesiredNamedState {
  const code = state.wrapUpCodes.get(codeId);
  if (!code) return { key: codeId, state: 'absent', reason: 'removedFromCic' };
  return { key: codeId, state: 'present', document: { name: code.displayName?.trim() || code.id } };
}
