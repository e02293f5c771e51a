import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Handler } from '../http/handler.js';
import { notFound, validationError } from '../http/api-error.js';
import { loadTicket } from './ticket-record.js';

/** Largest photo accepted, in bytes. */
export const MAX_ATTACHMENT_BYTES = 8 * 1024 * 1024;

/**
 * Photos are kept on disk, not in the database, so backups of the database stay small and files
 * can be served or archived on their own. The folder is BOH_ATTACHMENTS_DIR, `boh-attachments`
 * in the working directory by default; each file is named by its SHA-256, so the same photo
 * sent twice is stored once. Several server processes need the folder on shared storage.
 */
export function attachmentsDir(): string {
  return resolve(process.env.BOH_ATTACHMENTS_DIR ?? 'boh-attachments');
}

/** The media type of an image recognised by its first bytes, or a name of what it is instead. */
export function sniffImage(bytes: Uint8Array): { mediaType: 'image/jpeg' | 'image/png' | 'image/webp' } | { detected: string } {
  const starts = (...values: number[]) => values.every((value, index) => bytes[index] === value);
  if (starts(0xff, 0xd8, 0xff)) return { mediaType: 'image/jpeg' };
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return { mediaType: 'image/png' };
  const ascii = (from: number, to: number) => Buffer.from(bytes.subarray(from, to)).toString('latin1');
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return { mediaType: 'image/webp' };
  if (ascii(0, 4) === '%PDF') return { detected: 'PDF' };
  if (ascii(0, 3) === 'GIF') return { detected: 'GIF' };
  if (starts(0x50, 0x4b, 0x03, 0x04)) return { detected: 'ZIP' };
  if (starts(0x4d, 0x5a)) return { detected: 'EXE' };
  return { detected: bytes.length === 0 ? 'empty' : 'unknown' };
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

const addTicketAttachment: Handler<'addTicketAttachment'> = async (c) => {
  const row = await loadTicket(c.db, c.principal, c.params.code, c.database.dialect);
  const text = c.body.content_base64.replace(/\s+/g, '');
  if (!BASE64.test(text) || text.length % 4 !== 0) throw validationError([{ field: 'body.content_base64', code: 'attachment_base64' }]);
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length > MAX_ATTACHMENT_BYTES) {
    throw validationError([{ field: 'body.content_base64', code: 'attachment_size', params: { size: bytes.length, limit: MAX_ATTACHMENT_BYTES } }]);
  }
  const sniffed = sniffImage(bytes);
  if (!('mediaType' in sniffed)) throw validationError([{ field: 'body.content_base64', code: 'attachment_type', params: { detected: sniffed.detected } }]);

  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const dir = attachmentsDir();
  await mkdir(dir, { recursive: true });
  // Write then rename, so a reader never sees half a file.
  const path = join(dir, sha256);
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temporary, bytes);
  await rename(temporary, path);

  const createdAt = c.now().toISOString();
  const inserted = await c.db
    .insertInto('ticket_attachments')
    .values({ ticket_number: row.number, filename: c.body.filename, media_type: sniffed.mediaType, size_bytes: bytes.length, sha256, created_at: createdAt })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { status: 201, body: { id: Number(inserted.id), filename: c.body.filename, media_type: sniffed.mediaType, size_bytes: bytes.length, sha256, created_at: createdAt } };
};

const getTicketAttachment: Handler<'getTicketAttachment'> = async (c) => {
  const row = await loadTicket(c.db, c.principal, c.params.code, false);
  const attachment = await c.db
    .selectFrom('ticket_attachments')
    .selectAll()
    .where('ticket_number', '=', row.number)
    .where('id', '=', c.params.id)
    .executeTakeFirst();
  if (!attachment) throw notFound('ticket_attachment', String(c.params.id));
  const bytes = await readFile(join(attachmentsDir(), attachment.sha256));
  return {
    status: 200,
    body: bytes as never,
    headers: { 'content-type': attachment.media_type, 'content-disposition': `inline; filename*=UTF-8''${encodeURIComponent(attachment.filename)}` },
  };
};

export const attachmentHandlers = { addTicketAttachment, getTicketAttachment };
