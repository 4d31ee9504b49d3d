import { invalidValue } from './api-error';

/** The Platform API's page envelope (QueueEntityListing, SkillEntityListing, …). */
export interface EntityListing<T> {
  entities: T[];
  pageSize: number;
  pageNumber: number;
  total?: number;
  pageCount?: number;
  firstUri: string;
  selfUri: string;
  lastUri?: string;
  nextUri?: string;
  previousUri?: string;
}

export interface PageRequest {
  readonly pageNumber: number;
  readonly pageSize: number;
}

/** [INF] 100 is the common maximum page size of routing lists; asking for more is a client bug, so 400. */
export const MAX_PAGE_SIZE = 100;

export function pageRequest(pageNumber: unknown, pageSize: unknown, max = MAX_PAGE_SIZE): PageRequest {
  const number = pageNumber === undefined ? 1 : Number(pageNumber);
  const size = pageSize === undefined ? 25 : Number(pageSize);
  if (!Number.isInteger(number) || number < 1) throw invalidValue('pageNumber must be a positive integer');
  if (!Number.isInteger(size) || size < 1 || size > max) {
    throw invalidValue(`pageSize must be an integer between 1 and ${max}`);
  }
  return { pageNumber: number, pageSize: size };
}

/**
 * Cuts one page and writes the navigation URIs the way Genesys does (path plus query with pageNumber/pageSize).
 * `withTotals: false` is for listings whose model has no total/pageCount/lastUri (QueueMemberEntityListing).
 */
export function page<T>(
  all: readonly T[],
  request: PageRequest,
  path: string,
  withTotals = true,
  extraQuery = '',
): EntityListing<T> {
  const { pageNumber, pageSize } = request;
  const pageCount = Math.max(1, Math.ceil(all.length / pageSize));
  const uri = (n: number) => `${path}?pageSize=${pageSize}&pageNumber=${n}${extraQuery}`;
  const start = (pageNumber - 1) * pageSize;
  const listing: EntityListing<T> = {
    entities: all.slice(start, start + pageSize),
    pageSize,
    pageNumber,
    firstUri: uri(1),
    selfUri: uri(pageNumber),
  };
  if (withTotals) {
    listing.total = all.length;
    listing.pageCount = pageCount;
    listing.lastUri = uri(pageCount);
  }
  if (pageNumber < pageCount) listing.nextUri = uri(pageNumber + 1);
  if (pageNumber > 1) listing.previousUri = uri(pageNumber - 1);
  return listing;
}
