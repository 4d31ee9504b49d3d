import type { MappingRules } from './mapping-rules';

/** Genesys Cloud's rating (1–5 stars) of a CIC proficiency. */
export type Rating = 1 | 2 | 3 | 4 | 5;

/**
 * Maps a CIC proficiency (0–100) to a rating by the configured bands. Proficiency 0 still means the skill was
 * assigned, and Genesys Cloud has no 0-star rating, so it gets 1 star rather than dropping the assignment (which
 * would change routing). Values outside 0–100 are clamped.
 */
export function ratingOf(proficiency: number, bands: MappingRules['ratingBands']): Rating {
  const clamped = Math.min(100, Math.max(0, proficiency));
  const index = bands.findIndex((upper) => clamped <= upper);
  return (index === -1 ? 5 : index + 1) as Rating;
}
