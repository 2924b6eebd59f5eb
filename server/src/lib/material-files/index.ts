import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { AppError } from '../errors';
import { detectMaterialType, type MaterialSourceType } from './detect';
import { encodeJpeg, openImageSource } from './image';
import { inspectPdf } from './pdf';
import { inspectPdfInWorker } from './pdf-worker';

export { detectMaterialType, isHeic, type MaterialSourceType } from './detect';
export { decodeHeic, type HeicDecoding } from './heic';
export { encodeJpeg, openImageSource, type EncodedImage, type ImageSource } from './image';
export { inspectPdf, type PdfInspection } from './pdf';

/**
 * A candidate's material file (报名材料), checked and made ready to store — the file half of R17.
 * See docs/decisions/0011-material-files-and-object-storage.md.
 *
 * In: the uploaded bytes and the name the candidate's device gave them. The type is decided by
 * content only (JPEG, PNG, HEIC, PDF); the name is only used to name the stored file.
 *
 * Out, for a picture: a JPEG (quality 85, long side at most 2480 px — an A4 page at about 212 dpi,
 * enough to read a scan or a phone photo of a certificate), upright by its EXIF orientation, with
 * every metadata block removed (EXIF with its GPS position, ICC, XMP, comments), plus a thumbnail
 * JPEG for the review console (long side at most 320 px). PNG screenshots become JPEG too: one
 * format for the console, the application-form PDF and downloads, and q85 keeps text readable.
 * For a PDF: the bytes as they are (re-writing a PDF without a PDF library would risk losing
 * content), after the structural checks of `inspectPdf`, with an estimated page count; no
 * thumbnail (the console shows a PDF icon: rendering pages needs poppler or pdf.js).
 */
export interface MaterialFileLimits {
  /** Largest accepted picture, as uploaded. */
  maxImageBytes: number;
  /** Largest accepted PDF. */
  maxPdfBytes: number;
  /** Largest picture in pixels (width × height), read from the header before decoding. */
  maxImagePixels: number;
  /** The stored picture's long side, at most (never enlarged). */
  maxLongSide: number;
  /** The smallest short side a readable material can have. */
  minShortSide: number;
  /** The thumbnail's long side, at most. */
  thumbnailLongSide: number;
}

export const DEFAULT_MATERIAL_FILE_LIMITS: MaterialFileLimits = {
  maxImageBytes: 10 * 1024 * 1024,
  maxPdfBytes: 20 * 1024 * 1024,
  maxImagePixels: 50_000_000,
  maxLongSide: 2480,
  minShortSide: 200,
  thumbnailLongSide: 320,
};

const JPEG_QUALITY = 85;
const THUMBNAIL_QUALITY = 70;

export type MaterialFileProblemCode =
  | 'empty_file'
  | 'unsupported_type'
  | 'file_too_large'
  | 'image_too_many_pixels'
  | 'image_too_small'
  | 'image_unreadable'
  | 'pdf_damaged'
  | 'pdf_encrypted'
  | 'pdf_forbidden_content';

export interface MaterialFileProblem {
  code: MaterialFileProblemCode;
  /** Plain Chinese: what is wrong and what to do. */
  message: string;
}

export interface StoredThumbnail {
  contentType: 'image/jpeg';
  bytes: Buffer;
  width: number;
  height: number;
}

interface Accepted {
  ok: true;
  /** What was uploaded, by content. */
  sourceType: MaterialSourceType;
  /** The declared name, cleaned, with the extension of what is stored (`.jpg` or `.pdf`). */
  fileName: string;
  /** The bytes to store and their digest and size. */
  bytes: Buffer;
  sha256: string;
  sizeBytes: number;
}

export type ProcessedMaterialFile =
  | (Accepted & {
      kind: 'image';
      contentType: 'image/jpeg';
      width: number;
      height: number;
      pages: null;
      thumbnail: StoredThumbnail;
    })
  | (Accepted & {
      kind: 'pdf';
      contentType: 'application/pdf';
      width: null;
      height: null;
      /** Estimated from the page objects; null when none could be found. */
      pages: number | null;
      thumbnail: null;
    });

export type MaterialFileResult =
  ProcessedMaterialFile | { ok: false; problems: MaterialFileProblem[] };

const TYPE_LABELS: Record<MaterialSourceType, string> = {
  jpeg: 'JPG 图片',
  png: 'PNG 图片',
  heic: 'HEIC 图片',
  pdf: 'PDF 文件',
};

const megabytes = (bytes: number) => {
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
};
const tenThousands = (pixels: number) => `${Math.round(pixels / 10_000)} 万`;

const problem = (code: MaterialFileProblemCode, message: string) => ({
  ok: false as const,
  problems: [{ code, message }],
});

/**
 * The declared name without folders, control or reserved characters, at most 80 characters,
 * ending with the stored type's extension: `IMG_0001.HEIC` → `IMG_0001.jpg`.
 */
export function storedFileName(declaredName: string, extension: 'jpg' | 'pdf'): string {
  const base = declaredName.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f<>:"|?*\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const dot = cleaned.lastIndexOf('.');
  const stem = (dot > 0 ? cleaned.slice(0, dot) : cleaned).trim().slice(0, 80) || '材料';
  return `${stem}.${extension}`;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Checks one uploaded material file and makes what is stored. Never throws for bad input: every
 * refusal is a problem with a stable code and a Chinese message telling the candidate what to do.
 * Nothing here logs or keeps the bytes.
 */
export async function processMaterialFile(input: {
  bytes: Uint8Array;
  declaredName: string;
  limits?: Partial<MaterialFileLimits>;
}): Promise<MaterialFileResult> {
  const limits = { ...DEFAULT_MATERIAL_FILE_LIMITS, ...input.limits };
  const bytes = Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength);
  if (bytes.length === 0) {
    return problem('empty_file', '文件是空的（0 字节），请重新选择文件后上传。');
  }
  const type = detectMaterialType(bytes);
  if (!type) {
    return problem(
      'unsupported_type',
      '仅支持 JPG、PNG、HEIC 图片或 PDF 文件。请将材料拍照、扫描为图片，或导出为 PDF 后重新上传（Word、压缩包等其他文件不能上传）。',
    );
  }
  const maxBytes = type === 'pdf' ? limits.maxPdfBytes : limits.maxImageBytes;
  if (bytes.length > maxBytes) {
    const advice =
      type === 'pdf'
        ? '请降低扫描分辨率或分成几个文件后重新上传。'
        : '请压缩图片或降低拍摄分辨率后重新上传。';
    return problem(
      'file_too_large',
      `${TYPE_LABELS[type]}大小为 ${megabytes(bytes.length)}，超过 ${megabytes(maxBytes)} 的上限。${advice}`,
    );
  }
  return type === 'pdf'
    ? processPdf(bytes, input.declaredName)
    : processImage(bytes, type, input.declaredName, limits);
}

/**
 * Above this size the PDF check runs in a worker thread: a crafted file of a few MB can take a
 * second or two of CPU (see pdf.ts), which must not stall every other request; small files, the
 * common case, skip the worker's start-up cost (about 0.5 s).
 */
const PDF_WORKER_THRESHOLD_BYTES = 512 * 1024;

async function processPdf(bytes: Buffer, declaredName: string): Promise<MaterialFileResult> {
  const inspection =
    bytes.length > PDF_WORKER_THRESHOLD_BYTES ? await inspectPdfInWorker(bytes) : inspectPdf(bytes);
  if (!inspection.ok) {
    switch (inspection.reason) {
      case 'damaged':
        return problem(
          'pdf_damaged',
          'PDF 文件不完整或已损坏，无法打开。请重新导出或扫描为 PDF 后上传。',
        );
      case 'encrypted':
        return problem(
          'pdf_encrypted',
          'PDF 文件设置了密码或权限保护，审核人员无法查看。请去除密码后重新上传（例如打开文件后“打印”为新的 PDF）。',
        );
      case 'forbidden':
        return problem(
          'pdf_forbidden_content',
          '文件含有不允许的内容（脚本、自动运行的操作或内嵌的其他文件），为保障安全不能接收。请“打印”为新的 PDF 或扫描为图片后重新上传。',
        );
    }
  }
  return {
    ok: true,
    kind: 'pdf',
    sourceType: 'pdf',
    contentType: 'application/pdf',
    fileName: storedFileName(declaredName, 'pdf'),
    bytes,
    sha256: sha256(bytes),
    sizeBytes: bytes.length,
    width: null,
    height: null,
    pages: inspection.pages,
    thumbnail: null,
  };
}

async function processImage(
  bytes: Buffer,
  type: 'jpeg' | 'png' | 'heic',
  declaredName: string,
  limits: MaterialFileLimits,
): Promise<MaterialFileResult> {
  const unreadable = problem(
    'image_unreadable',
    `${TYPE_LABELS[type]}已损坏或不完整，无法读取。请重新拍摄、扫描或导出图片后上传。`,
  );
  const source = await openImageSource(bytes, type, limits.maxImagePixels);
  if (!source) return unreadable;
  try {
    const { width, height } = source;
    if (width * height > limits.maxImagePixels) {
      return problem(
        'image_too_many_pixels',
        `图片尺寸过大（${width} × ${height} 像素，约 ${tenThousands(width * height)}像素），超过 ${tenThousands(limits.maxImagePixels)}像素的上限。请缩小图片尺寸后重新上传。`,
      );
    }
    if (Math.min(width, height) < limits.minShortSide) {
      return problem(
        'image_too_small',
        `图片尺寸过小（${width} × ${height} 像素），无法看清材料内容。请重新拍摄或扫描（短边不少于 ${limits.minShortSide} 像素），不要上传缩略图或截图的局部。`,
      );
    }
    let stored;
    try {
      stored = await encodeJpeg(await source.open(), {
        maxLongSide: limits.maxLongSide,
        quality: JPEG_QUALITY,
      });
    } catch {
      return unreadable;
    }
    const thumbnail = await sharp(stored.bytes)
      .resize({
        width: limits.thumbnailLongSide,
        height: limits.thumbnailLongSide,
        fit: 'inside',
        withoutEnlargement: true,
      })
      .jpeg({ quality: THUMBNAIL_QUALITY })
      .toBuffer({ resolveWithObject: true });
    return {
      ok: true,
      kind: 'image',
      sourceType: type,
      contentType: 'image/jpeg',
      fileName: storedFileName(declaredName, 'jpg'),
      bytes: stored.bytes,
      sha256: sha256(stored.bytes),
      sizeBytes: stored.bytes.length,
      width: stored.width,
      height: stored.height,
      pages: null,
      thumbnail: {
        contentType: 'image/jpeg',
        bytes: thumbnail.data,
        width: thumbnail.info.width,
        height: thumbnail.info.height,
      },
    };
  } finally {
    source.dispose();
  }
}

/** The API error for a refused material file: `material_rejected` (422) with every problem. */
export function materialRejected(problems: MaterialFileProblem[]): AppError {
  const [only, ...others] = problems;
  const message = only && others.length === 0 ? only.message : DEFAULT_REJECTION_MESSAGE;
  return new AppError('material_rejected', message, { problems });
}

const DEFAULT_REJECTION_MESSAGE = '材料文件未通过检查，请按各项提示处理后重新上传。';
