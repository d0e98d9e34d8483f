import type { FastifyReply, FastifyRequest } from 'fastify';
import { ATTACHMENT_LIMITS } from '../../../contracts/attachments.js';
import { AppError } from '../../platform/errors.js';
import type { IncomingFile, OpenedAttachment } from './attachments.service.js';

/** Multipart errors raised by @fastify/multipart, told as a person can act on them. */
function multipartProblem(err: unknown): AppError | null {
  const code = (err as { code?: unknown } | null)?.code;
  switch (code) {
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
      return new AppError('payload_too_large', `Send at most ${ATTACHMENT_LIMITS.perUpload} files at once.`, {
        errors: [{ path: 'files', message: `at most ${ATTACHMENT_LIMITS.perUpload} files at once` }],
      });
    case 'FST_REQ_FILE_TOO_LARGE':
      return new AppError(
        'payload_too_large',
        `A file is larger than ${ATTACHMENT_LIMITS.fileBytes / 1024 / 1024} MB.`,
        {
          errors: [{ path: 'files', message: 'a file is too large' }],
        },
      );
    case 'FST_FIELDS_LIMIT':
      return new AppError('payload_too_large', 'The form has too many fields.');
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new AppError('unsupported_media_type', 'Send the files as multipart/form-data.');
    case 'FST_PROTO_VIOLATION':
      return new AppError('validation', 'The form is not valid.');
    default:
      return null;
  }
}

/**
 * The files of a multipart/form-data request, one at a time, as they arrive: nothing is buffered. Other
 * form fields are ignored. Limits are enforced by the parser too, so a request cannot carry more than
 * `perUpload + 1` files or any file beyond the size limit (plus one byte, so the store sees it is too large).
 */
export async function* multipartFiles(req: FastifyRequest): AsyncGenerator<IncomingFile> {
  if (!req.isMultipart())
    throw new AppError('unsupported_media_type', 'Send the files as multipart/form-data.');
  const parts = req.parts({
    limits: {
      fileSize: ATTACHMENT_LIMITS.fileBytes + 1,
      files: ATTACHMENT_LIMITS.perUpload + 1,
      fields: 10,
      fieldSize: 1000,
      parts: ATTACHMENT_LIMITS.perUpload + 11,
      headerPairs: 200,
    },
  });
  try {
    for await (const part of parts) {
      if (part.type !== 'file') continue;
      yield { filename: part.filename, stream: part.file };
    }
  } catch (err) {
    throw multipartProblem(err) ?? err;
  }
}

/** RFC 6266 / RFC 5987: an ASCII fallback name and the exact name in UTF-8. */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/**
 * Sends a file. Only plain images and PDF may show in the browser; everything else (SVG, HTML, XML, text
 * that may be a script, Office files) is a download. Every answer forbids sniffing and runs nothing: the
 * Content-Security-Policy allows no sources and sandboxes whatever the browser does open.
 */
export function sendAttachment(reply: FastifyReply, opened: OpenedAttachment): FastifyReply {
  const { attachment, content, inline } = opened;
  return reply
    .header('content-type', attachment.contentType)
    .header('content-length', String(attachment.sizeBytes))
    .header('content-disposition', contentDisposition(inline ? 'inline' : 'attachment', attachment.name))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cross-origin-resource-policy', 'same-origin')
    .header('cache-control', 'private, no-store')
    .header('etag', `"${attachment.sha256}"`)
    .send(content);
}
