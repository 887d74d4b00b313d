/**
 * What the fake Discord checks in the files a message carries (multipart `files[n]` with
 * `payload_json`), stricter than Discord so that a broken image fails a test instead of
 * showing as a blank: every PNG starts with the PNG signature and is a whole image (its
 * IHDR chunk read, within the upload limit), every `attachments` entry names a file sent,
 * and an embed's `attachment://name` names a file the message carries.
 */

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Discord's upload limit for a bot without boosts: 10 MiB a file. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** Signature, IHDR length and type, width, height: the least a PNG can be before its data. */
const PNG_HEADER_BYTES = 8 + 8 + 8;

interface SentFileLike {
  field: string;
  name: string;
  size: number;
  contentType: string;
  data: Buffer;
}

const isPng = (file: SentFileLike) => file.contentType === 'image/png' || file.name.toLowerCase().endsWith('.png');

/** Why a PNG is not one, or undefined. */
function pngProblem(file: SentFileLike): string | undefined {
  if (file.size !== file.data.length) return `${file.name}: ${file.data.length} bytes arrived, ${file.size} announced`;
  if (file.size < PNG_HEADER_BYTES) return `${file.name}: ${file.size} bytes is too small for a PNG`;
  if (!file.data.subarray(0, 8).equals(PNG_SIGNATURE)) return `${file.name}: not a PNG (no PNG signature)`;
  if (file.data.subarray(12, 16).toString('latin1') !== 'IHDR') return `${file.name}: a PNG must begin with its IHDR chunk`;
  const width = file.data.readUInt32BE(16);
  const height = file.data.readUInt32BE(20);
  if (width === 0 || height === 0) return `${file.name}: a PNG of ${width}×${height} pixels`;
  return undefined;
}

/** Why Discord (as this fake) refuses a message's files, or undefined when it takes them. */
export function attachmentProblem(body: unknown, files: SentFileLike[]): string | undefined {
  for (const file of files) {
    if (file.size === 0) return `${file.name}: an empty file`;
    if (file.size > MAX_FILE_BYTES) return `${file.name}: ${file.size} bytes, over the ${MAX_FILE_BYTES}-byte limit`;
    if (isPng(file)) {
      const problem = pngProblem(file);
      if (problem) return problem;
    }
  }
  // An interaction callback carries the message in `data`; a webhook edit or a post carries it as the body.
  const payload = body as { data?: unknown } | null;
  const message = (payload && typeof payload.data === 'object' && payload.data !== null ? payload.data : payload) as {
    attachments?: { id: number | string; filename?: string }[];
    embeds?: { image?: { url?: string }; thumbnail?: { url?: string } }[];
  } | null;
  const names = new Set(files.map((f) => f.name));
  for (const attachment of message?.attachments ?? []) {
    const file = files.find((f) => f.field === `files[${attachment.id}]`);
    if (!file) return `attachments names files[${attachment.id}], which was not sent`;
    if (attachment.filename !== undefined && attachment.filename !== file.name)
      return `attachments says ${attachment.filename} for files[${attachment.id}], which is ${file.name}`;
  }
  for (const embed of message?.embeds ?? []) {
    for (const url of [embed.image?.url, embed.thumbnail?.url]) {
      if (url?.startsWith('attachment://') && !names.has(url.slice('attachment://'.length)))
        return `an embed shows ${url}, but no such file was sent`;
    }
  }
  return undefined;
}
