import { defaultMappingRules } from './mapping-rules';
import { ratingOf } from './rating';

describe('ratingOf', () => {
  it.each([
    [0, 1],
    [1, 1],
    [20, 1],
    [21, 2],
    [40, 2],
    [41, 3],
    [60, 3],
    [61, 4],
    [80, 4],
    [81, 5],
    [100, 5],
    [150, 5],
    [-5, 1],
  ])('maps proficiency %i to %i stars by default (ceil(p/20), clamped; 0 → 1)', (proficiency, rating) => {
    expect(ratingOf(proficiency, defaultMappingRules.ratingBands)).toBe(rating);
  });

  it.each([
    [10, 1],
    [11, 2],
    [50, 3],
    [95, 4],
    [96, 5],
  ])('follows configured bands [10, 30, 70, 95]: %i → %i', (proficiency, rating) => {
    expect(ratingOf(proficiency, [10, 30, 70, 95])).toBe(rating);
  });
});
