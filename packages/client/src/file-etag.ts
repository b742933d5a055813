/**
 * The ETags a file would have in storage, computed locally: the MD5 of its bytes (a single PUT,
 * and what the local S3 gives any object), and S3's multipart form, the MD5 of the parts' MD5s
 * followed by `-<parts>`, with the part size the API chooses for that file size.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

import { multipartPartSize, multipartThresholdBytes } from '@mlspace/core';

export async function localEtags(file: string, size: number): Promise<string[]> {
  const whole = createHash('md5');
  const multipart = size >= multipartThresholdBytes;
  const partSize = multipart ? multipartPartSize(size) : size;
  const partDigests: Buffer[] = [];
  let part = createHash('md5');
  let inPart = 0;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    whole.update(chunk);
    if (!multipart) continue;
    for (let offset = 0; offset < chunk.length;) {
      const take = Math.min(partSize - inPart, chunk.length - offset);
      part.update(chunk.subarray(offset, offset + take));
      inPart += take;
      offset += take;
      if (inPart === partSize) {
        partDigests.push(part.digest());
        part = createHash('md5');
        inPart = 0;
      }
    }
  }
  const etags = [whole.digest('hex')];
  if (multipart) {
    if (inPart > 0) partDigests.push(part.digest());
    etags.push(
      `${createHash('md5').update(Buffer.concat(partDigests)).digest('hex')}-${partDigests.length}`,
    );
  }
  return etags;
}
