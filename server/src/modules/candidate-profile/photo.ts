import sharp, { type Sharp } from 'sharp';
import type { PhotoCheck, PhotoCheckResult } from '@hqe/core';
import type { PhotoRules } from '../../config';
import { detectMaterialType, openImageSource } from '../../lib/material-files';

/**
 * The base photo (基本照片): checked and normalised before it is stored.
 *
 * In: JPEG, PNG or HEIC (iPhone), decided by the bytes, never by a name. Detection and opening are
 * the material files' (lib/material-files): `detectMaterialType` reads the signature,
 * `openImageSource` reads the upright size from the header without decoding a pixel (so a picture
 * with more pixels than the limit is refused by its declared size, and sharp's `limitInputPixels`
 * guards the decoder once more), and HEIC — which sharp's prebuilt libvips cannot decode — goes
 * through libheif (WebAssembly) in a worker thread, with a concurrency cap and a time limit.
 *
 * Checks, each reported on its own with what to do: the size in pixels (never enlarged), the
 * portrait ratio, a light plain background, and the size of the stored file.
 *
 * Out: a baseline JPEG, EXIF orientation applied, transparency flattened onto white, shrunk to fit
 * the configured box (ratio kept, nothing cropped), every metadata block (EXIF with its GPS
 * position, ICC, XMP) dropped, re-encoded at decreasing quality until it fits the size range.
 *
 * The background check samples the two top corners of the normalised picture, where an ID photo
 * shows only background (the head is centred, shoulders are lower down). Brightness is the Rec. 601
 * luma Y = 0.299 R + 0.587 G + 0.114 B on 0–255. A white wall or backdrop photographed normally is
 * Y 225–250, light grey 200–220; the blue ID backdrop is about 130–170, red about 80, a room or a
 * dark wall below 150: the default minimum of 190 lets a slightly under-exposed white or light-grey
 * background through and refuses the rest. Evenness is the standard deviation of Y over both corners
 * together: a plain backdrop after JPEG compression is 2–8, a soft light fall-off across the picture
 * adds a few more; furniture, a door frame, patterned wallpaper or hair reaching into a corner give
 * 25 and above, so the default maximum is 20. Both are configuration (PHOTO_BACKGROUND_*).
 */

export type PhotoFormat = 'jpeg' | 'png' | 'heic';

const FORMAT_LABELS: Record<PhotoFormat, string> = {
  jpeg: 'JPEG 图片',
  png: 'PNG 图片',
  heic: 'HEIC 图片（苹果手机照片）',
};

/** JPEG, PNG or HEIC from the first bytes; null for anything else (a PDF is not a photo). */
export function detectPhotoFormat(bytes: Uint8Array): PhotoFormat | null {
  const type = detectMaterialType(bytes);
  return type === 'pdf' ? null : type;
}

export interface NormalisedPhoto {
  jpeg: Buffer;
  width: number;
  height: number;
  checks: PhotoCheckResult[];
}

export type PhotoOutcome =
  | { ok: true; photo: NormalisedPhoto }
  /** `unreadable`: not a JPEG, PNG or HEIC, or damaged; `rejected`: a check failed. */
  | { ok: false; reason: 'unreadable' | 'rejected'; message: string; checks: PhotoCheckResult[] };

const pass = (check: PhotoCheck, message: string): PhotoCheckResult => ({
  check,
  passed: true,
  message,
});
const fail = (check: PhotoCheck, message: string): PhotoCheckResult => ({
  check,
  passed: false,
  message,
});

const RETAKE = '请使用白色或浅色纯色背景重新拍摄';
const kb = (bytes: number) => Math.round(bytes / 1024);
const megapixels = (pixels: number) => (pixels / 1_000_000).toFixed(1);

interface Corners {
  meanLeft: number;
  meanRight: number;
  stdDev: number;
}

/** Luma of the two top corners of an RGB picture (each 15 % wide, 12 % high, inset 2 %). */
function sampleTopCorners(data: Buffer, width: number, height: number): Corners {
  const blockWidth = Math.max(4, Math.round(width * 0.15));
  const blockHeight = Math.max(4, Math.round(height * 0.12));
  const insetX = Math.round(width * 0.02);
  const insetY = Math.round(height * 0.02);
  const luma = (x: number, y: number) => {
    const at = (y * width + x) * 3;
    return (
      0.299 * data.readUInt8(at) + 0.587 * data.readUInt8(at + 1) + 0.114 * data.readUInt8(at + 2)
    );
  };
  const block = (x0: number) => {
    const values: number[] = [];
    for (let y = insetY; y < insetY + blockHeight && y < height; y++) {
      for (let x = x0; x < x0 + blockWidth && x < width; x++) values.push(luma(x, y));
    }
    return values;
  };
  const left = block(insetX);
  const right = block(width - insetX - blockWidth);
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const all = [...left, ...right];
  const m = mean(all);
  const stdDev = Math.sqrt(all.reduce((a, b) => a + (b - m) ** 2, 0) / all.length);
  return { meanLeft: mean(left), meanRight: mean(right), stdDev };
}

function backgroundCheck(corners: Corners, rules: PhotoRules): PhotoCheckResult {
  const darkest = Math.min(corners.meanLeft, corners.meanRight);
  if (darkest < rules.backgroundMinLuminance) {
    return fail(
      'background',
      `照片背景偏暗或不是浅色（背景亮度 ${Math.round(darkest)}，要求不低于 ${rules.backgroundMinLuminance}）。${RETAKE}，光线要充足。`,
    );
  }
  if (corners.stdDev > rules.backgroundMaxStdDev) {
    return fail(
      'background',
      `照片背景不是纯色（背景明暗差异 ${corners.stdDev.toFixed(1)}，要求不超过 ${rules.backgroundMaxStdDev}）。${RETAKE}，背景中不要有其他物品或阴影。`,
    );
  }
  return pass('background', '照片背景为浅色纯色，符合要求。');
}

/** First try, then lower steps while the file is too big. */
const FIRST_QUALITY = 90;
const LOWER_QUALITIES = [84, 78, 72, 66, 60, 54, 48, 42];

/** The smallest quality step that fits under the maximum; higher quality when under the minimum. */
async function encodeJpeg(
  raw: Buffer,
  info: { width: number; height: number },
  rules: PhotoRules,
): Promise<{ jpeg: Buffer; check: PhotoCheckResult }> {
  const encode = (quality: number, chroma: '4:2:0' | '4:4:4') =>
    sharp(raw, { raw: { width: info.width, height: info.height, channels: 3 } })
      .jpeg({ quality, chromaSubsampling: chroma })
      .toBuffer();
  const range = `${kb(rules.outputMinBytes)}–${kb(rules.outputMaxBytes)} KB`;
  let jpeg = await encode(FIRST_QUALITY, '4:2:0');
  if (jpeg.length < rules.outputMinBytes) {
    for (const quality of [95, 100]) {
      jpeg = await encode(quality, '4:4:4');
      if (jpeg.length >= rules.outputMinBytes) break;
    }
    if (jpeg.length < rules.outputMinBytes) {
      return {
        jpeg,
        check: fail(
          'file_size',
          `照片细节不足，处理后仅 ${kb(jpeg.length)} KB（要求 ${range}）。请上传相机或手机拍摄的原始照片，不要使用截图或压缩过的照片。`,
        ),
      };
    }
  }
  for (const quality of LOWER_QUALITIES) {
    if (jpeg.length <= rules.outputMaxBytes) break;
    jpeg = await encode(quality, '4:2:0');
  }
  if (jpeg.length > rules.outputMaxBytes) {
    return {
      jpeg,
      check: fail(
        'file_size',
        `照片压缩后仍有 ${kb(jpeg.length)} KB，超过 ${kb(rules.outputMaxBytes)} KB。请使用纯色背景、画面简洁的证件照重新上传。`,
      ),
    };
  }
  return {
    jpeg,
    check: pass('file_size', `处理后照片 ${kb(jpeg.length)} KB，符合要求（${range}）。`),
  };
}

/**
 * Checks a photo and makes the JPEG to store. Every check that can be made is reported, passed or
 * failed; the photo is stored only when all pass.
 */
export async function normalisePhoto(bytes: Buffer, rules: PhotoRules): Promise<PhotoOutcome> {
  const format = detectPhotoFormat(bytes);
  if (!format) {
    const message = '无法识别照片格式。请上传 JPG、PNG 或 HEIC（苹果手机）格式的照片。';
    return { ok: false, reason: 'unreadable', message, checks: [fail('format', message)] };
  }
  const damaged = `照片文件已损坏或不完整，无法读取（${FORMAT_LABELS[format]}）。请重新导出或重新拍摄照片后上传。`;
  const source = await openImageSource(bytes, format, rules.maxInputPixels);
  if (!source) {
    return { ok: false, reason: 'unreadable', message: damaged, checks: [fail('format', damaged)] };
  }
  try {
    const checks: PhotoCheckResult[] = [pass('format', `${FORMAT_LABELS[format]}，可以处理。`)];
    const { width, height } = source;
    if (width * height > rules.maxInputPixels) {
      checks.push(
        fail(
          'pixels',
          `照片像素过多（约 ${megapixels(width * height)} 百万像素，上限 ${megapixels(rules.maxInputPixels)} 百万像素）。请在手机或电脑上把照片缩小后重新上传。`,
        ),
      );
      return rejected(checks);
    }
    checks.push(pass('pixels', `照片约 ${megapixels(width * height)} 百万像素，可以处理。`));

    checks.push(
      width >= rules.minWidth && height >= rules.minHeight
        ? pass('dimensions', `照片尺寸 ${width}×${height} 像素，符合要求。`)
        : fail(
            'dimensions',
            `照片尺寸为 ${width}×${height} 像素，小于要求的 ${rules.minWidth}×${rules.minHeight} 像素（宽×高）。请使用更清晰的原始照片，不要使用截图，也不要把小照片放大。`,
          ),
    );
    const ratio = height / width;
    const wanted = `${rules.ratioMin}–${rules.ratioMax}`;
    checks.push(
      ratio >= rules.ratioMin && ratio <= rules.ratioMax
        ? pass('ratio', `照片高宽比为 ${ratio.toFixed(2)}，符合要求。`)
        : fail(
            'ratio',
            `照片高宽比为 ${ratio.toFixed(2)}，要求在 ${wanted} 之间（竖版证件照，如宽 295、高 413 像素）。${ratio < 1 ? '这张照片是横向的，' : ''}请按竖版证件照比例拍摄或裁剪后重新上传。`,
          ),
    );

    let pipeline: Sharp;
    try {
      pipeline = await source.open();
    } catch {
      return {
        ok: false,
        reason: 'unreadable',
        message: damaged,
        checks: [fail('format', damaged)],
      };
    }
    let raw: { data: Buffer; info: { width: number; height: number } };
    try {
      raw = await pipeline
        .flatten({ background: '#ffffff' })
        .resize({
          width: rules.outputMaxWidth,
          height: rules.outputMaxHeight,
          fit: 'inside',
          withoutEnlargement: true,
        })
        .toColourspace('srgb')
        .removeAlpha()
        .raw()
        .toBuffer({ resolveWithObject: true });
    } catch {
      return {
        ok: false,
        reason: 'unreadable',
        message: damaged,
        checks: [fail('format', damaged)],
      };
    }
    checks.push(
      backgroundCheck(sampleTopCorners(raw.data, raw.info.width, raw.info.height), rules),
    );
    if (checks.some((c) => !c.passed)) return rejected(checks);

    const { jpeg, check } = await encodeJpeg(raw.data, raw.info, rules);
    checks.push(check);
    if (!check.passed) return rejected(checks);
    return { ok: true, photo: { jpeg, width: raw.info.width, height: raw.info.height, checks } };
  } finally {
    source.dispose();
  }
}

function rejected(checks: PhotoCheckResult[]): PhotoOutcome {
  const [first, ...others] = checks.filter((c) => !c.passed);
  const message =
    first && others.length === 0
      ? `照片未通过检查：${first.message}`
      : `照片有 ${others.length + 1} 项未通过检查，请按各项提示处理后重新上传。`;
  return { ok: false, reason: 'rejected', message, checks };
}
