/**
 * The Genesys Cloud org a CIC center should produce, computed here from DESIGN §1 on its own (not through
 * libs/mapping), so a wrong rule in the mapping cannot agree with itself; and the same view read from the Genesys
 * simulator's `/sim/state` dump. Both are keyed by what a person would compare: user names, queue names, skill
 * names.
 */

/** The CIC simulator's fixture form (`GET /sim/center`), the fields the rules read. */
export interface CicCenter {
  users: {
    id: string;
    displayName?: string;
    businessEmail?: string;
    mailboxEmail?: string;
    phones: Partial<Record<'business' | 'business2' | 'mobile' | 'home' | 'fax', string>>;
    skills: { skillId: string; proficiency: number }[];
  }[];
  workgroups: {
    id: string;
    displayName?: string;
    queueType: string;
    isActive: boolean;
    members: string[];
    skills: { skillId: string; proficiency: number }[];
    wrapUpCodes: string[];
  }[];
  skills: { id: string; displayName?: string; treatAsLanguage: boolean }[];
  wrapUpCodes: { id: string; displayName?: string }[];
}

export interface UserView {
  displayName: string;
  externalId: string | undefined;
  /** `type value`, sorted */
  phones: string[];
  /** skill name → rating */
  skills: Record<string, number>;
  languages: Record<string, number>;
}

/** The objects the bridge manages (foreign ones left out), active users only. */
export interface OrgView {
  users: Record<string, UserView>;
  queues: Record<string, { members: string[]; wrapUpCodes: string[] }>;
  skills: string[];
  languages: string[];
  wrapUpCodes: string[];
}

const email = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const phoneTypes = {
  business: 'work',
  business2: 'work2',
  mobile: 'mobile',
  home: 'home',
  fax: 'other',
} as const;
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const nameOf = (object: { id: string; displayName?: string }) => object.displayName?.trim() || object.id;

/** Default bands: ceil(p/20), 0 → 1 star, clamped to 1–5. */
export const ratingOf = (proficiency: number) => Math.min(5, Math.max(1, Math.ceil(proficiency / 20)));

/** The business email, or the mailbox one when there is no business email at all (not when it is malformed). */
export function syncedEmail(user: CicCenter['users'][number]): string | undefined {
  const business = user.businessEmail?.trim() ?? '';
  const address = business === '' ? (user.mailboxEmail?.trim() ?? '') : business;
  return email.test(address) ? address : undefined;
}

/**
 * Genesys has one user per email (compared without case), so of the CIC users sharing one only the first to take
 * it is synced. "First" is the order the bridge read them in: CIC's own order, which the simulator's center
 * keeps (users added later come last).
 */
export function emailHolders(center: CicCenter): Map<string, string> {
  const holders = new Map<string, string>();
  for (const user of center.users) {
    const address = syncedEmail(user)?.toLowerCase();
    if (address !== undefined && !holders.has(address)) holders.set(address, user.id);
  }
  return holders;
}

export function expectedOrg(center: CicCenter): OrgView {
  const skills = new Map(center.skills.map((s) => [s.id, s]));
  const users = new Map(center.users.map((u) => [u.id, u]));
  const codes = new Map(center.wrapUpCodes.map((c) => [c.id, c]));
  const holders = emailHolders(center);
  const userNameOf = (user: CicCenter['users'][number]) => {
    const address = syncedEmail(user);
    return address !== undefined && holders.get(address.toLowerCase()) === user.id ? address : undefined;
  };
  const view: OrgView = {
    users: {},
    queues: {},
    skills: center.skills
      .filter((s) => !s.treatAsLanguage)
      .map(nameOf)
      .sort(byText),
    languages: center.skills
      .filter((s) => s.treatAsLanguage)
      .map(nameOf)
      .sort(byText),
    wrapUpCodes: center.wrapUpCodes.map(nameOf).sort(byText),
  };
  for (const user of center.users) {
    const userName = userNameOf(user);
    if (userName === undefined) continue;
    // Direct skills win; otherwise the highest proficiency any of the user's workgroups grants.
    const merged = new Map<string, number>();
    for (const workgroup of center.workgroups.filter((w) => w.members.includes(user.id)))
      for (const s of workgroup.skills)
        merged.set(s.skillId, Math.max(merged.get(s.skillId) ?? -1, s.proficiency));
    for (const s of user.skills) merged.set(s.skillId, s.proficiency);
    const entry: UserView = {
      displayName: user.displayName?.trim() || user.id,
      externalId: user.id,
      phones: Object.entries(phoneTypes)
        .flatMap(([field, type]) => {
          const value = user.phones[field as keyof typeof phoneTypes]?.trim();
          return value ? [`${type} ${value}`] : [];
        })
        .sort(byText),
      skills: {},
      languages: {},
    };
    for (const [skillId, proficiency] of merged) {
      const skill = skills.get(skillId);
      if (skill) entry[skill.treatAsLanguage ? 'languages' : 'skills'][nameOf(skill)] = ratingOf(proficiency);
    }
    view.users[userName] = entry;
  }
  for (const workgroup of center.workgroups) {
    if (workgroup.id.startsWith('_') || workgroup.queueType === 'None' || !workgroup.isActive) continue;
    view.queues[nameOf(workgroup)] = {
      members: [
        ...new Set(
          workgroup.members.flatMap((id) => {
            const user = users.get(id);
            const userName = user && userNameOf(user);
            return userName ? [userName] : [];
          }),
        ),
      ].sort(byText),
      wrapUpCodes: workgroup.wrapUpCodes
        .flatMap((id) => {
          const code = codes.get(id);
          return code ? [nameOf(code)] : [];
        })
        .sort(byText),
    };
  }
  return view;
}

/** The parts of the Genesys simulator's `/sim/state` org dump these tests read. */
export interface GenesysDump {
  users: Record<
    string,
    {
      id: string;
      userName: string;
      displayName: string;
      active: boolean;
      state: string;
      externalId?: string;
      phoneNumbers: { value: string; type?: string }[];
      skills: Record<string, number>;
      languages: Record<string, number>;
      foreign: boolean;
    }
  >;
  skills: Record<string, { name: string; state: string; foreign: boolean }>;
  languages: Record<string, { name: string; state: string; foreign: boolean }>;
  wrapupCodes: Record<string, { name: string; foreign: boolean }>;
  queues: Record<
    string,
    { name: string; members: Record<string, unknown>; wrapupCodes: string[]; foreign: boolean }
  >;
}

const live = <T extends { state?: string; foreign: boolean }>(entries: Record<string, T>): T[] =>
  Object.values(entries).filter((e) => !e.foreign && (e.state === undefined || e.state === 'active'));

export function actualOrg(org: GenesysDump): OrgView {
  const names = (entries: Record<string, { name: string }>, ids: Iterable<string>) =>
    [...ids].map((id) => entries[id]?.name ?? `?${id}`);
  const view: OrgView = {
    users: {},
    queues: {},
    skills: live(org.skills)
      .map((s) => s.name)
      .sort(byText),
    languages: live(org.languages)
      .map((l) => l.name)
      .sort(byText),
    wrapUpCodes: live(org.wrapupCodes)
      .map((c) => c.name)
      .sort(byText),
  };
  for (const user of Object.values(org.users)) {
    if (user.foreign || !user.active) continue;
    const ratings = (entries: Record<string, { name: string }>, held: Record<string, number>) =>
      Object.fromEntries(Object.entries(held).map(([id, rating]) => [entries[id]?.name ?? `?${id}`, rating]));
    view.users[user.userName] = {
      displayName: user.displayName,
      externalId: user.externalId,
      phones: user.phoneNumbers.map((p) => `${p.type ?? '?'} ${p.value}`).sort(byText),
      skills: ratings(org.skills, user.skills),
      languages: ratings(org.languages, user.languages),
    };
  }
  for (const queue of live(org.queues)) {
    view.queues[queue.name] = {
      members: Object.keys(queue.members)
        .map((id) => org.users[id]?.userName ?? `?${id}`)
        .sort(byText),
      wrapUpCodes: names(org.wrapupCodes, queue.wrapupCodes).sort(byText),
    };
  }
  return view;
}

/** Objects that exist more than once under one name (or user name): what a crash must never leave behind. */
export function duplicates(org: GenesysDump): string[] {
  const seen = new Map<string, number>();
  const count = (key: string) => seen.set(key, (seen.get(key) ?? 0) + 1);
  for (const u of Object.values(org.users)) count(`user ${u.userName.toLowerCase()}`);
  for (const s of Object.values(org.skills))
    if (s.state !== 'deleted') count(`skill ${s.name.toLowerCase()}`);
  for (const l of Object.values(org.languages))
    if (l.state !== 'deleted') count(`language ${l.name.toLowerCase()}`);
  for (const c of Object.values(org.wrapupCodes)) count(`wrapUpCode ${c.name.toLowerCase()}`);
  for (const q of Object.values(org.queues)) count(`queue ${q.name.toLowerCase()}`);
  return [...seen].filter(([, n]) => n > 1).map(([key]) => key);
}

/** JSON with object keys sorted, so two views compare equal whatever order their objects were built in. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => byText(a, b)))
      : inner,
  );
}

/**
 * What keeps two org views apart, a line per differing entry (at most `limit`): a failed convergence names what
 * is missing, extra or different rather than printing two whole orgs.
 */
export function differenceOf(expected: OrgView, actual: OrgView, limit = 30): string[] {
  const lines: string[] = [];
  const compare = (section: string, want: Record<string, unknown>, have: Record<string, unknown>) => {
    for (const key of new Set([...Object.keys(want), ...Object.keys(have)])) {
      const [w, h] = [want[key], have[key]];
      if (w === undefined) lines.push(`${section} ${key}: extra ${canonical(h)}`);
      else if (h === undefined) lines.push(`${section} ${key}: missing, want ${canonical(w)}`);
      else if (canonical(w) !== canonical(h))
        lines.push(`${section} ${key}: want ${canonical(w)}, have ${canonical(h)}`);
    }
  };
  const asSet = (names: readonly string[]) => Object.fromEntries(names.map((name) => [name, true]));
  compare('user', expected.users, actual.users);
  compare('queue', expected.queues, actual.queues);
  compare('skill', asSet(expected.skills), asSet(actual.skills));
  compare('language', asSet(expected.languages), asSet(actual.languages));
  compare('wrap-up code', asSet(expected.wrapUpCodes), asSet(actual.wrapUpCodes));
  return lines.length > limit ? [...lines.slice(0, limit), `… and ${lines.length - limit} more`] : lines;
}
