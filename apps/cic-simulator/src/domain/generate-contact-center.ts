import { DEFAULT_STATUS_MESSAGES } from './default-status-messages';
import type {
  CicUser,
  ContactCenterData,
  Phones,
  QueueType,
  Skill,
  SkillAssignment,
  UserStatus,
  Workgroup,
  WrapUpCode,
} from './model';
import { seededRandom, type Random } from './prng';

export interface GeneratorOptions {
  /** Total users, the admin account included (it is always the first user). */
  users: number;
  workgroups: number;
  skills: number;
  wrapUpCodes: number;
  seed: number;
  /** The account the bridge connects with (admin guide: "PureCloudAdmin"). */
  adminUserId?: string;
  adminPassword?: string;
  /** Every generated user signs in with this password. */
  userPassword?: string;
}

export const DEFAULT_ADMIN_USER_ID = 'PureCloudAdmin';
export const DEFAULT_ADMIN_PASSWORD = '1234';
export const DEFAULT_USER_PASSWORD = '1234';

const GIVEN_NAMES = [
  'Anna',
  'Ben',
  'Chloé',
  'David',
  'Émile',
  'Fatima',
  'Grace',
  'Hiroshi',
  'Inés',
  'Jörg',
  'Karin',
  'Łukasz',
  'Maria',
  'Noah',
  'Olivia',
  'Pål',
  'Quinn',
  'Rosa',
  'Søren',
  'Tomás',
  'Uma',
  'Vera',
  'Wei',
  'Xavier',
  'Yusuf',
  'Zoë',
];
const SURNAMES = [
  'Smith',
  'Müller',
  'García',
  'Öberg',
  'Nakamura',
  'Dubois',
  'Kowalski',
  "O'Neil",
  'Rossi',
  'Jensen',
  'Novák',
  'Silva',
  'Brown',
  'Núñez',
  'Ivanova',
  'Chen',
  'Van der Berg',
  'Łęcka',
  'Andersson',
  'Patel',
];
const DEPARTMENTS = ['Sales', 'Support', 'Billing', 'Collections', 'Retention', 'Back Office'];
const TITLES = ['Agent', 'Senior Agent', 'Team Lead', 'Supervisor'];
const LANGUAGES = [
  'English',
  'Spanish',
  'French',
  'German',
  'Português',
  'Italiano',
  'Nederlands',
  'Polski',
  'Español (MX)',
  '日本語',
  'Türkçe',
  'Svenska',
];
const SKILL_WORDS = [
  'Billing',
  'Tech.Support',
  'Sales Outbound',
  'Retention',
  'Übersetzung',
  'Mortgages',
  'VIP',
  'Claims',
  'Réclamations',
  'Onboarding',
];
const WRAP_UP_WORDS = [
  'Resolved',
  'Callback requested',
  'Escalated',
  'No answer',
  'Wrong number',
  'Sale.Closed',
  'Réglé',
  'Follow-up needed',
  'Transferred',
  'Spam',
];
const WRAP_UP_CATEGORIES = ['Outcome', 'Sales', 'Service'];
const WORKGROUP_WORDS = [
  'Sales',
  'Support',
  'Billing',
  'Support.Tier 2',
  'Ventes Québec',
  'Kundenservice',
  'Collections',
  'VIP Desk',
  'Chat Team',
  'Email Backlog',
];
const SYSTEM_WORKGROUPS = ['_SystemRoutingHub_', '_Outbound.Dialer_'];
/** Weighted so that ACD dominates, as in real centers; None makes a workgroup without a queue. */
const QUEUE_TYPES: readonly QueueType[] = [
  'ACD',
  'ACD',
  'ACD',
  'ACD',
  'ACD',
  'ACD',
  'Custom',
  'Group Ring',
  'Sequential',
  'Round-robin',
];
const STATUS_IDS = [
  'Available',
  'Available',
  'Available',
  'Away from desk',
  'At Lunch',
  'Do Not Disturb',
  'Gone Home',
  'In a Meeting',
  'On Vacation',
  'Follow Up',
];

/** Fixed so that dates, like everything else, depend on the seed only. */
const EPOCH = Date.UTC(2024, 0, 1);
const DAY = 86_400_000;

function dateFrom(random: Random): string {
  return new Date(EPOCH + random.int(0, 700) * DAY + random.int(0, 86_399) * 1000).toISOString();
}

/** Makes ids unique the way an admin would: by appending a number. */
/**
 * Per set of taken ids, the suffix each base's last search ended at: every id below it was taken then and still
 * is, so the search resumes there with the same result. Searching from 2 each time was quadratic in the users
 * sharing a name (a 100,000-user center spent most of its generation here).
 */
const resumeAt = new WeakMap<Set<string>, Map<string, number>>();

function uniqueId(base: string, taken: Set<string>): string {
  let next = resumeAt.get(taken);
  if (!next) resumeAt.set(taken, (next = new Map<string, number>()));
  const suffix = next.get(base);
  let id = suffix === undefined ? base : `${base} ${suffix}`;
  let n = suffix === undefined ? 2 : suffix + 1;
  for (; taken.has(id.toLowerCase()); n++) id = `${base} ${n}`;
  next.set(base, n);
  taken.add(id.toLowerCase());
  return id;
}

function phoneNumber(random: Random): string {
  return `+1 317 555 ${String(random.int(0, 9999)).padStart(4, '0')}`;
}

function asciiFold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'L')
    .replace(/ø/g, 'o')
    .replace(/[^A-Za-z0-9.]/g, '')
    .toLowerCase();
}

function generateSkills(random: Random, count: number): Skill[] {
  const taken = new Set<string>();
  return Array.from({ length: count }, (_, index) => {
    // Every third skill is a language until the list runs out, as most centers route on a few languages.
    const languageIndex = index / 3;
    const isLanguage = index % 3 === 0 && languageIndex < LANGUAGES.length;
    const wordIndex = index - Math.min(Math.ceil(index / 3), LANGUAGES.length);
    const base = isLanguage
      ? (LANGUAGES[languageIndex] as string)
      : (SKILL_WORDS[wordIndex] ?? `${random.pick(SKILL_WORDS)} ${index}`);
    const id = uniqueId(base, taken);
    const createdDate = dateFrom(random);
    return {
      id,
      ...(random.chance(0.9) ? { displayName: id } : {}),
      treatAsLanguage: isLanguage,
      ...(isLanguage ? { category: 'Languages' } : random.chance(0.5) ? { category: 'Products' } : {}),
      createdDate,
      lastModifiedDate: createdDate,
    };
  });
}

function generateWrapUpCodes(random: Random, count: number): WrapUpCode[] {
  const taken = new Set<string>();
  return Array.from({ length: count }, (_, index) => {
    const base =
      index < WRAP_UP_WORDS.length
        ? (WRAP_UP_WORDS[index] as string)
        : `${random.pick(WRAP_UP_WORDS)} ${index}`;
    const id = uniqueId(base, taken);
    const createdDate = dateFrom(random);
    return {
      id,
      displayName: id,
      ...(random.chance(0.6) ? { label: id.toUpperCase().slice(0, 12) } : {}),
      ...(random.chance(0.7) ? { category: random.pick(WRAP_UP_CATEGORIES) } : {}),
      createdDate,
      lastModifiedDate: createdDate,
    };
  });
}

function skillAssignments(random: Random, skills: readonly Skill[], max: number): SkillAssignment[] {
  return random.sample(skills, random.int(0, max)).map((skill) => ({
    skillId: skill.id,
    proficiency: random.int(1, 100),
    desireToUse: random.chance(0.5) ? random.int(1, 100) : 0,
  }));
}

function generateWorkgroups(
  random: Random,
  count: number,
  skills: Skill[],
  codes: WrapUpCode[],
): Workgroup[] {
  const taken = new Set<string>();
  return Array.from({ length: count }, (_, index) => {
    const system = index < SYSTEM_WORKGROUPS.length && (index === 0 || count >= 10);
    const base = system
      ? (SYSTEM_WORKGROUPS[index] as string)
      : index - SYSTEM_WORKGROUPS.length < WORKGROUP_WORDS.length && index >= SYSTEM_WORKGROUPS.length
        ? (WORKGROUP_WORDS[index - SYSTEM_WORKGROUPS.length] as string)
        : `${random.pick(WORKGROUP_WORDS)} ${index}`;
    const id = uniqueId(base, taken);
    // One in fifteen has no queue at all (IA lets only ACD and Custom workgroups hold skills).
    const queueType: QueueType = system ? 'Custom' : index % 15 === 4 ? 'None' : random.pick(QUEUE_TYPES);
    const acd = queueType === 'ACD' || queueType === 'Custom';
    const createdDate = dateFrom(random);
    return {
      id,
      ...(system || random.chance(0.92) ? { displayName: id } : {}),
      queueType,
      isActive: system || random.chance(0.97),
      ...(random.chance(0.6) ? { extension: String(7000 + index) } : {}),
      members: [],
      skills: acd && !system ? skillAssignments(random, skills, 3) : [],
      wrapUpCodes:
        system || queueType === 'None' ? [] : random.sample(codes, random.int(0, 5)).map((code) => code.id),
      createdDate,
      lastModifiedDate: createdDate,
    };
  });
}

function generatePhones(random: Random): Phones {
  const phones: Phones = {};
  if (random.chance(0.8)) phones.business = phoneNumber(random);
  // Roughly a third carry several numbers, as agents with a desk line, a mobile and a home phone do.
  if (random.chance(0.3)) {
    phones.business2 = phoneNumber(random);
    phones.mobile = phoneNumber(random);
    if (random.chance(0.5)) phones.home = phoneNumber(random);
    if (random.chance(0.3)) phones.fax = phoneNumber(random);
  } else if (random.chance(0.2)) {
    phones.mobile = phoneNumber(random);
  }
  return phones;
}

function generateUser(
  random: Random,
  taken: Set<string>,
  skills: Skill[],
  password: string,
  index: number,
): CicUser {
  const givenName = random.pick(GIVEN_NAMES);
  const surname = random.pick(SURNAMES);
  // Most ids are "given.surname"; some keep spaces and accents, as sites that import from HR systems do.
  const base = random.chance(0.2)
    ? `${givenName} ${surname}`
    : `${asciiFold(givenName)}.${asciiFold(surname)}`;
  const id = uniqueId(base, taken);
  const mailLocal = asciiFold(id.replace(/ /g, '.')) || `user${index}`;
  const createdDate = dateFrom(random);
  const user: CicUser = {
    id,
    password,
    extension: String(1000 + index),
    givenName,
    surname,
    phones: generatePhones(random),
    skills: random.chance(0.25) ? skillAssignments(random, skills, 3) : [],
    createdDate,
    lastModifiedDate: createdDate,
  };
  if (random.chance(0.85)) user.displayName = `${givenName} ${surname}`;
  if (random.chance(0.9)) user.businessEmail = `${mailLocal}@example.com`;
  if (random.chance(0.7)) user.mailboxEmail = `${mailLocal}@mail.example.com`;
  if (random.chance(0.8)) user.departmentName = random.pick(DEPARTMENTS);
  if (random.chance(0.6)) user.title = random.pick(TITLES);
  return user;
}

function adminUser(id: string, password: string): CicUser {
  return {
    id,
    displayName: 'PureCloud Admin',
    password,
    phones: {},
    skills: [],
    createdDate: new Date(EPOCH).toISOString(),
    lastModifiedDate: new Date(EPOCH).toISOString(),
  };
}

/**
 * A whole contact center from a seed: the same options always give the same center, so tests can compute what
 * the simulator serves. Variety covers what trips sync rules: users without business email or display name,
 * several phones, direct and inherited skills, languages, per-workgroup wrap-up codes, system and queue-less
 * workgroups, ids with dots, spaces and non-ASCII letters.
 */
export function generateContactCenter(options: GeneratorOptions): ContactCenterData {
  const random = seededRandom(options.seed);
  const skills = generateSkills(random, options.skills);
  const wrapUpCodes = generateWrapUpCodes(random, options.wrapUpCodes);
  const workgroups = generateWorkgroups(random, options.workgroups, skills, wrapUpCodes);
  const adminId = options.adminUserId ?? DEFAULT_ADMIN_USER_ID;
  const taken = new Set<string>([adminId.toLowerCase()]);
  const users: CicUser[] = [adminUser(adminId, options.adminPassword ?? DEFAULT_ADMIN_PASSWORD)];
  for (let index = 1; index < options.users; index++) {
    users.push(generateUser(random, taken, skills, options.userPassword ?? DEFAULT_USER_PASSWORD, index));
  }
  const joinable = workgroups.filter((workgroup) => !workgroup.id.startsWith('_'));
  for (const user of users.slice(1)) {
    for (const workgroup of random.sample(joinable, random.int(0, 3))) workgroup.members.push(user.id);
  }
  const userStatuses: UserStatus[] = users.map((user) => {
    const changed = dateFrom(random);
    return {
      userId: user.id,
      statusId: random.pick(STATUS_IDS),
      statusChanged: changed,
      loggedIn: random.chance(0.7),
      onPhone: false,
      onPhoneChanged: changed,
      stations: [],
    };
  });
  return {
    users,
    workgroups,
    skills,
    wrapUpCodes,
    statusMessages: [...DEFAULT_STATUS_MESSAGES],
    userStatuses,
  };
}
