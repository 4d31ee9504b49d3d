import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  CSV_HEADER,
  CsvRecordBuilder,
  type Contribution,
  type CsvRecord,
  type GenesysNames,
  type Omissions,
} from '@bridge/interval-aggregation';
import { stringify } from 'csv-stringify';

/** What was written: the file's size, its MD5 (base64, as `Content-MD5` wants it), data rows, what was left out. */
export interface BuiltCsv {
  readonly size: number;
  readonly md5: string;
  readonly rows: number;
  readonly omissions: Omissions;
}

/**
 * Writes the WFM historical import CSV of the projection's rows to `path`: rows stream from Postgres through the
 * record builder and csv-stringify into the file, with the size and MD5 taken on the way, so the file is never
 * whole in memory. Written beside `path` and renamed into place, so a file at `path` is always complete.
 */
export async function writeCsvFile(
  rows: AsyncIterable<Contribution>,
  names: GenesysNames,
  path: string,
): Promise<BuiltCsv> {
  await mkdir(dirname(path), { recursive: true });
  const builder = new CsvRecordBuilder(names);
  let count = 0;
  async function* records(): AsyncGenerator<CsvRecord> {
    for await (const row of rows) {
      for (const record of builder.push(row)) {
        count++;
        yield record;
      }
    }
    for (const record of builder.flush()) {
      count++;
      yield record;
    }
  }
  const hash = createHash('md5');
  let size = 0;
  const measure = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  const partial = `${path}.partial`;
  await pipeline(
    Readable.from(records()),
    stringify({ header: true, columns: [...CSV_HEADER], record_delimiter: 'unix' }),
    measure,
    createWriteStream(partial),
  );
  await rename(partial, path);
  return { size, md5: hash.digest('base64'), rows: count, omissions: builder.omissions };
}
