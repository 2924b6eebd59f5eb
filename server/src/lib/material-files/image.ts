import sharp, { type Sharp } from 'sharp';
import { decodeHeic } from './heic';

/**
 * Opening and re-encoding an uploaded picture (JPEG, PNG or HEIC) safely.
 *
 * Shared with the base-photo check (modules/candidate-profile/photo.ts): `openImageSource` reads
 * the upright size from the header without decoding a pixel, so a decompression bomb is refused by
 * its declared size; only then does `open()` build the decoder, which sharp's `limitInputPixels`
 * guards once more. HEIC is decoded in a worker thread (./heic.ts), which checks the size from the
 * header the same way.
 */
export interface ImageSource {
  /** The upright size: after EXIF orientation (JPEG/PNG) or the HEIF rotation boxes (HEIC). */
  width: number;
  height: number;
  /** A sharp pipeline over the upright picture; call only after checking the pixel count. */
  open(): Promise<Sharp>;
  /** Frees the HEIC decoder's memory; call once, whatever happened. */
  dispose(): void;
}

/** The picture's upright size and how to decode it; null when the header cannot be read. */
export async function openImageSource(
  bytes: Buffer,
  type: 'jpeg' | 'png' | 'heic',
  maxPixels: number,
): Promise<ImageSource | null> {
  try {
    if (type === 'heic') {
      const decoded = await decodeHeic(bytes, maxPixels);
      if (decoded.kind === 'unreadable') return null;
      const { width, height } = decoded;
      return {
        // libheif applies the rotation and mirror boxes, so its size is the upright one.
        width,
        height,
        open: async () => {
          if (decoded.kind !== 'pixels') throw new Error('HEIC above the pixel limit: not decoded');
          return sharp(decoded.rgba, {
            raw: { width, height, channels: 4 },
            limitInputPixels: maxPixels,
          });
        },
        dispose: () => undefined,
      };
    }
    // Header only: no pixel is decoded here, so no pixel limit yet (it would hide the size).
    const metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
    if (metadata.format !== type) return null;
    return {
      width: metadata.autoOrient.width,
      height: metadata.autoOrient.height,
      open: async () =>
        sharp(bytes, { limitInputPixels: maxPixels, failOn: 'truncated' }).autoOrient(),
      dispose: () => undefined,
    };
  } catch {
    return null;
  }
}

export interface EncodedImage {
  bytes: Buffer;
  width: number;
  height: number;
}

/**
 * The stored form of a picture: upright, transparency flattened onto white, shrunk (never
 * enlarged) so its long side is at most `maxLongSide`, in sRGB, baseline JPEG at `quality`, with
 * no metadata at all (sharp keeps none unless asked: no EXIF and its GPS position, no ICC, no XMP,
 * no IPTC, no comments). Throws when the pixels cannot be decoded (truncated, corrupt).
 */
export async function encodeJpeg(
  pipeline: Sharp,
  options: { maxLongSide: number; quality: number },
): Promise<EncodedImage> {
  const { data, info } = await pipeline
    .flatten({ background: '#ffffff' })
    .resize({
      width: options.maxLongSide,
      height: options.maxLongSide,
      fit: 'inside',
      withoutEnlargement: true,
    })
    .toColourspace('srgb')
    .jpeg({ quality: options.quality, chromaSubsampling: '4:2:0' })
    .toBuffer({ resolveWithObject: true });
  return { bytes: data, width: info.width, height: info.height };
}
