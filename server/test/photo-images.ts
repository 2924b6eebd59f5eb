import sharp from 'sharp';

/**
 * Real pictures for the base-photo tests, drawn with sharp: an ID-style portrait (a plain light
 * background with a little sensor noise, a face and shoulders), in any size, background and format.
 */
export interface PortraitOptions {
  /** Background grey level (0–255). */
  background?: number;
  /** Sensor noise (standard deviation) over the whole picture. */
  noise?: number;
  format?: 'jpeg' | 'png';
  /** Draw a bookshelf-like pattern of thin grey stripes behind the person. */
  stripes?: boolean;
}

function stripes(width: number, height: number): Buffer {
  const step = Math.max(10, Math.round(width / 30));
  const bars = Array.from(
    { length: Math.ceil(width / step) },
    (_, i) => `<rect x="${i * step}" y="0" width="${Math.round(step / 5)}" height="${height}"/>`,
  );
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
      <g fill="#909090">${bars.join('')}</g></svg>`,
  );
}

function figure(width: number, height: number): Buffer {
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
      <defs><radialGradient id="face"><stop offset="0" stop-color="#e0b090"/>
        <stop offset="1" stop-color="#a06040"/></radialGradient></defs>
      <ellipse cx="${width / 2}" cy="${height * 0.42}" rx="${width * 0.22}" ry="${height * 0.2}"
        fill="url(#face)"/>
      <rect x="${width * 0.15}" y="${height * 0.68}" width="${width * 0.7}" height="${height * 0.32}"
        rx="${width * 0.2}" fill="#203050"/>
    </svg>`,
  );
}

/** An ID-style portrait photo. */
export async function portrait(
  width: number,
  height: number,
  options: PortraitOptions = {},
): Promise<Buffer> {
  const { background = 245, noise = 4, format = 'jpeg' } = options;
  const base = await sharp({
    create: {
      width,
      height,
      channels: 3,
      background: '#000000',
      noise: { type: 'gaussian', mean: background, sigma: noise },
    },
  })
    .png()
    .toBuffer();
  const layers = [{ input: figure(width, height) }];
  if (options.stripes) layers.unshift({ input: stripes(width, height) });
  const image = sharp(base).composite(layers);
  return format === 'png' ? image.png().toBuffer() : image.jpeg({ quality: 92 }).toBuffer();
}

/** A portrait whose background is transparent (a cut-out PNG with an alpha channel). */
export async function transparentPortrait(width: number, height: number): Promise<Buffer> {
  const noisyFigure = await sharp({
    create: {
      width,
      height,
      channels: 3,
      background: '#000000',
      noise: { type: 'gaussian', mean: 128, sigma: 30 },
    },
  })
    .composite([{ input: figure(width, height), blend: 'dest-in' }])
    .png()
    .toBuffer();
  return sharp({
    create: { width, height, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
  })
    .composite([{ input: noisyFigure }])
    .png()
    .toBuffer();
}

/**
 * A portrait stored sideways with EXIF orientation 6 (turn 90° clockwise to view), as phones save
 * them, with camera metadata (make, model, GPS position) that must not survive.
 */
export async function sidewaysPortrait(width: number, height: number): Promise<Buffer> {
  const upright = await portrait(width, height);
  const sideways = await sharp(upright).rotate(-90).jpeg({ quality: 92 }).toBuffer();
  return sharp(sideways)
    .withExif({
      IFD0: { Make: 'TestCam', Model: 'Phone 1' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 14/1 0/1' },
    })
    .withMetadata({ orientation: 6 })
    .jpeg({ quality: 92 })
    .toBuffer();
}

/** Luma of a pixel of a JPEG (0–255). */
export async function lumaAt(jpeg: Buffer, x: number, y: number): Promise<number> {
  const { data, info } = await sharp(jpeg).raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * info.channels;
  return 0.299 * data[at]! + 0.587 * data[at + 1]! + 0.114 * data[at + 2]!;
}
