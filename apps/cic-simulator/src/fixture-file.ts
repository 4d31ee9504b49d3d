import { readFileSync } from 'node:fs';
import { parseContactCenter } from './contact-center-schema';
import type { ContactCenterData } from './domain/model';

/** Reads a fixture file (the JSON form of ContactCenterData; see README) and validates it. */
export function loadFixtureFile(path: string, now: Date): ContactCenterData {
  return parseContactCenter(JSON.parse(readFileSync(path, 'utf8')) as unknown, now);
}
