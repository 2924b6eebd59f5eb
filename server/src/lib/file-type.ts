/**
 * What a file is, decided by its content, never by its name or the client's content type: PDF,
 * Word (DOC, DOCX), Excel (XLS, XLSX), JPEG and PNG. DOCX/XLSX are ZIP packages told apart by
 * their part names; DOC/XLS are OLE2 compound files told apart by their stream names.
 */
export const FILE_TYPES = {
  pdf: { contentType: 'application/pdf', extensions: ['pdf'], label: 'PDF 文件' },
  doc: { contentType: 'application/msword', extensions: ['doc'], label: 'Word 文档（.doc）' },
  docx: {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
    label: 'Word 文档（.docx）',
  },
  xls: {
    contentType: 'application/vnd.ms-excel',
    extensions: ['xls'],
    label: 'Excel 表格（.xls）',
  },
  xlsx: {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['xlsx'],
    label: 'Excel 表格（.xlsx）',
  },
  jpeg: { contentType: 'image/jpeg', extensions: ['jpg', 'jpeg'], label: 'JPEG 图片' },
  png: { contentType: 'image/png', extensions: ['png'], label: 'PNG 图片' },
} as const;

export type FileType = keyof typeof FILE_TYPES;

/** The extension of a file name, lower case, without the dot ('' when there is none). */
export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
}

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) =>
  bytes.length >= at + signature.length && signature.every((b, i) => bytes[at + i] === b);

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** Detects one of FILE_TYPES from the bytes; null for anything else (or anything malformed). */
export function detectFileType(bytes: Uint8Array): FileType | null {
  // Strict: the header at the very start (readers tolerate leading junk; we need not).
  if (startsWith(bytes, PDF)) return 'pdf';
  if (startsWith(bytes, PNG)) return 'png';
  if (startsWith(bytes, JPEG)) return 'jpeg';
  if (startsWith(bytes, ZIP)) {
    const zip = readZipDirectory(bytes);
    if (!zip || !zip.names.includes('[Content_Types].xml')) return null;
    if (zip.names.some((n) => n.startsWith('word/'))) return 'docx';
    if (zip.names.some((n) => n.startsWith('xl/'))) return 'xlsx';
    return null;
  }
  if (startsWith(bytes, OLE2)) {
    const names = readCompoundFileNames(bytes);
    if (!names) return null;
    if (names.includes('WordDocument')) return 'doc';
    if (names.includes('Workbook') || names.includes('Book')) return 'xls';
    return null;
  }
  return null;
}

/**
 * The part names and total uncompressed size of a ZIP file, from its central directory; null when
 * the directory is malformed (or ZIP64, which no document of ours needs).
 */
export function readZipDirectory(bytes: Uint8Array): { names: string[]; totalSize: number } | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const min = Math.max(0, bytes.length - 22 - 0xffff);
  let end = -1;
  for (let i = bytes.length - 22; i >= min; i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const count = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  const names: string[] = [];
  let totalSize = 0;
  const decoder = new TextDecoder('utf-8');
  for (let n = 0; n < count; n++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== 0x02014b50) return null;
    const size = view.getUint32(offset + 24, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    if (size === 0xffffffff || offset + 46 + nameLength > bytes.length) return null;
    names.push(decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength)));
    totalSize += size;
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return { names, totalSize };
}

const FREE = 0xffffffff;
const END_OF_CHAIN = 0xfffffffe;

/**
 * The stream and storage names in an OLE2 compound file's directory (e.g. `WordDocument`,
 * `Workbook`), following the FAT chain with guards against loops; null when malformed.
 */
export function readCompoundFileNames(bytes: Uint8Array): string[] | null {
  if (bytes.length < 512) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shift = view.getUint16(0x1e, true);
  if (shift !== 9 && shift !== 12) return null;
  const sectorSize = 1 << shift;
  // The header takes the first sector's worth of bytes; sector 0 follows it.
  const sectorCount = Math.floor((bytes.length - sectorSize) / sectorSize);
  const sectorOffset = (sid: number) => (sid + 1) * sectorSize;
  const inFile = (sid: number) =>
    sid < sectorCount && sectorOffset(sid) + sectorSize <= bytes.length;

  // The FAT's own sectors: 109 in the header, the rest in a chain of DIFAT sectors.
  const fatSectors: number[] = [];
  for (let i = 0; i < 109; i++) {
    const sid = view.getUint32(0x4c + i * 4, true);
    if (sid !== FREE) fatSectors.push(sid);
  }
  let difat = view.getUint32(0x44, true);
  for (let guard = 0; difat !== END_OF_CHAIN && difat !== FREE; guard++) {
    if (guard > sectorCount || !inFile(difat)) return null;
    const perSector = sectorSize / 4 - 1;
    for (let i = 0; i < perSector; i++) {
      const sid = view.getUint32(sectorOffset(difat) + i * 4, true);
      if (sid !== FREE) fatSectors.push(sid);
    }
    difat = view.getUint32(sectorOffset(difat) + perSector * 4, true);
  }
  if (fatSectors.some((sid) => !inFile(sid))) return null;
  const next = (sid: number) => {
    const perSector = sectorSize / 4;
    const fatSector = fatSectors[Math.floor(sid / perSector)];
    if (fatSector === undefined) return null;
    return view.getUint32(sectorOffset(fatSector) + (sid % perSector) * 4, true);
  };

  const names: string[] = [];
  const utf16 = new TextDecoder('utf-16le');
  let sid: number | null = view.getUint32(0x30, true);
  for (let guard = 0; sid !== END_OF_CHAIN; guard++) {
    if (sid === null || guard > sectorCount || !inFile(sid)) return null;
    for (let entry = 0; entry < sectorSize / 128; entry++) {
      const at = sectorOffset(sid) + entry * 128;
      const nameLength = view.getUint16(at + 0x40, true);
      if (nameLength >= 2 && nameLength <= 64) {
        names.push(utf16.decode(bytes.subarray(at, at + nameLength - 2)));
      }
    }
    sid = next(sid);
  }
  return names;
}
