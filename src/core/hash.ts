/** Content hashes for data files, configs and panels (run records name their inputs by hash). */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

export function sha256Text(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function sha256Bytes(bytes: ArrayBufferView): string {
  return createHash('sha256')
    .update(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength))
    .digest('hex');
}

export async function sha256File(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}
