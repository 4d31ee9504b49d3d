import { createReadStream } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** The presigned URL refused the file (S3 answers 403 to an expired or unknown URL): ask for a new one. */
export class UploadUrlRefused extends Error {
  override readonly name = 'UploadUrlRefused';
}

/**
 * PUTs a file to a presigned upload URL with the headers Genesys returned, streamed from disk with its length
 * (S3's presigned PUT takes no chunked body). Not a Genesys API call, so it spends no rate budget.
 */
export async function putFile(
  url: string,
  headers: Readonly<Record<string, string>>,
  path: string,
  size: number,
  timeoutMs: number,
): Promise<void> {
  const target = new URL(url);
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  await new Promise<void>((resolve, reject) => {
    const req = request(
      target,
      { method: 'PUT', headers: { ...headers, 'Content-Length': String(size) }, timeout: timeoutMs },
      (res) => {
        res.resume();
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) resolve();
          else if (status === 403) reject(new UploadUrlRefused(`the upload URL answered ${status}`));
          else reject(new Error(`the upload URL answered ${status}`));
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`the upload took longer than ${timeoutMs} ms`)));
    req.on('error', reject);
    createReadStream(path).on('error', reject).pipe(req);
  });
}
