import type { TrafficRequest } from '../traffic-schema';
import type { ContactCenter } from './contact-center';
import { fail, ok, type Outcome } from './outcome';
import type { TrafficPlanOptions, TrafficWorkgroup } from './traffic-plan';

/** Workgroups an ACD interaction can reach: active, with a queue, with members; in code-unit order of id. */
export function trafficWorkgroups(center: ContactCenter): TrafficWorkgroup[] {
  return center.workgroups
    .values()
    .filter(
      (workgroup) => workgroup.isActive && workgroup.queueType !== 'None' && workgroup.members.length > 0,
    )
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((workgroup) => {
      const skills = workgroup.skills
        .map(({ skillId }) => center.skills.get(skillId))
        .filter((skill) => !!skill);
      return {
        id: workgroup.id,
        members: [...workgroup.members],
        wrapUpCodes: [...workgroup.wrapUpCodes],
        skills: skills.filter((skill) => !skill.treatAsLanguage).map((skill) => skill.id),
        languages: skills.filter((skill) => skill.treatAsLanguage).map((skill) => skill.id),
      };
    });
}

/** Resolves a traffic request against the center. */
export function trafficPlanOptions(
  center: ContactCenter,
  request: TrafficRequest,
): Outcome<TrafficPlanOptions> {
  const all = trafficWorkgroups(center);
  const workgroups = request.workgroups === undefined ? all : all.slice(0, request.workgroups);
  if (workgroups.length === 0)
    return fail('invalid', 'no active workgroup with a queue and members takes traffic');
  return ok({
    workgroups,
    ratePerSecond: request.ratePerSecond,
    durationMs: request.durationS * 1000,
    ...(request.interactions !== undefined ? { maxInteractions: request.interactions } : {}),
    seed: request.seed,
    mix: request.mix,
    shares: request.shares,
    lifeScale: request.lifeScale,
    lingerMs: request.lingerS * 1000,
  });
}
