/**
 * What an uploaded file is, from its first bytes only — never its name or the client's content
 * type. Materials accept JPEG, PNG, HEIC (iPhone photos) and PDF; everything else is refused.
 *
 * Shared: the base-photo check (modules/candidate-profile/photo.ts) uses it too, refusing PDF.
 */
export type MaterialSourceType = 'jpeg' | 'png' | 'heic' | 'pdf';

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) =>
  bytes.length >= at + signature.length && signature.every((b, i) => bytes[at + i] === b);

const ascii = (bytes: Uint8Array, from: number, to: number) =>
  String.fromCharCode(...bytes.subarray(from, to));

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];

/** HEVC-coded HEIF brands (AVIF is HEIF too, but AV1-coded: not one of them). */
const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx']);

/** Whether the bytes are an ISO BMFF `ftyp` box naming an HEVC HEIF brand. */
export function isHeic(bytes: Uint8Array): boolean {
  if (bytes.length < 16 || ascii(bytes, 4, 8) !== 'ftyp') return false;
  const size = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0);
  if (size < 16 || size > bytes.length || size > 4096 || size % 4 !== 0) return false;
  const major = ascii(bytes, 8, 12);
  if (HEIC_BRANDS.has(major)) return true;
  if (major !== 'mif1' && major !== 'msf1') return false;
  for (let at = 16; at + 4 <= size; at += 4) {
    if (HEIC_BRANDS.has(ascii(bytes, at, at + 4))) return true;
  }
  return false;
}

/** JPEG, PNG, HEIC or PDF by signature at the very start; null for anything else. */
export function detectMaterialType(bytes: Uint8Array): MaterialSourceType | null {
  if (startsWith(bytes, PDF)) return 'pdf';
  if (startsWith(bytes, JPEG)) return 'jpeg';
  if (startsWith(bytes, PNG)) return 'png';
  if (isHeic(bytes)) return 'heic';
  return null;
}
