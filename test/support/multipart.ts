import { randomUUID } from 'node:crypto';

export interface FilePart {
  name: string;
  content: Buffer;
  /** The Content-Type the browser guessed for the part (servers must not trust it). */
  type?: string;
}

/** A multipart/form-data body as a browser sends it: one part per file, all in the form field `field`. */
export function multipart(parts: FilePart[], field = 'files') {
  const boundary = `----verity-${randomUUID()}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${p.name}"\r\n` +
          `Content-Type: ${p.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      p.content,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
