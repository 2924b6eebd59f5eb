import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config';
import {
  DEFAULT_MATERIAL_FILE_LIMITS,
  detectMaterialType,
  materialRejected,
  processMaterialFile,
  storedFileName,
  type MaterialFileResult,
  type ProcessedMaterialFile,
} from '../src/lib/material-files';
import { inspectPdf } from '../src/lib/material-files/pdf';
import { inspectPdfInWorker } from '../src/lib/material-files/pdf-worker';

const FIXTURES = path.join(import.meta.dirname, 'fixtures', 'materials');

// --- generated inputs ---------------------------------------------------------------------------

const RED = [220, 30, 30] as const;
const BLUE = [30, 30, 220] as const;

/** Raw RGB, left half red and right half blue. */
function halves(width: number, height: number): Buffer {
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) raw.set(x < width / 2 ? RED : BLUE, (y * width + x) * 3);
  }
  return raw;
}

const GPS_EXIF = {
  IFD0: { Make: 'TestPhone', Model: 'HQE-Secret-Model', Copyright: 'Zhang San' },
  IFD3: {
    GPSLatitudeRef: 'N',
    GPSLatitude: '31/1 14/1 0/1',
    GPSLongitudeRef: 'E',
    GPSLongitude: '121/1 28/1 0/1',
  },
};

/** A 600×400 JPEG stored sideways: EXIF orientation 6 (display rotated 90° clockwise), with GPS. */
const sidewaysPhoto = () =>
  sharp(halves(600, 400), { raw: { width: 600, height: 400, channels: 3 } })
    .withMetadata({ orientation: 6 })
    .withExifMerge(GPS_EXIF)
    .jpeg({ quality: 90 })
    .toBuffer();

function pdf(pages: number, options: PDFKit.PDFDocumentOptions = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ autoFirstPage: false, ...options });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    for (let i = 1; i <= pages; i++) doc.addPage().fontSize(20).text(`Diploma page ${i}`, 72, 72);
    doc.end();
  });
}

/**
 * A hand-made PDF: `objects` are the bodies of objects 1…n (object 1 the catalog), each written
 * `n 0 obj … endobj`, then a cross-reference table, a trailer and `%%EOF`.
 */
function craftPdf(objects: (string | Buffer)[], trailerExtra = ''): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let length = parts[0]!.length;
  objects.forEach((body, i) => {
    offsets.push(length);
    const part = Buffer.concat([
      Buffer.from(`${i + 1} 0 obj\n`, 'latin1'),
      typeof body === 'string' ? Buffer.from(body, 'latin1') : body,
      Buffer.from('\nendobj\n', 'latin1'),
    ]);
    parts.push(part);
    length += part.length;
  });
  const xref = [
    'xref',
    `0 ${objects.length + 1}`,
    '0000000000 65535 f ',
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n `),
    'trailer',
    `<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra}>>`,
    'startxref',
    String(length),
    '%%EOF',
    '',
  ].join('\n');
  return Buffer.concat([...parts, Buffer.from(xref, 'latin1')]);
}

const PAGE_TREE = [
  '<< /Type /Catalog /Pages 2 0 R >>',
  '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
  '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
];

/** An object stream (FlateDecode) holding `objects` numbered from `firstNumber`. */
function objectStream(firstNumber: number, objects: string[]): Buffer {
  let offset = 0;
  const header: string[] = [];
  for (const [i, body] of objects.entries()) {
    header.push(`${firstNumber + i} ${offset}`);
    offset += body.length + 1;
  }
  const head = `${header.join(' ')}\n`;
  const content = deflateSync(Buffer.from(head + objects.join('\n') + '\n', 'latin1'));
  return Buffer.concat([
    Buffer.from(
      `<< /Type /ObjStm /N ${objects.length} /First ${head.length} /Filter /FlateDecode /Length ${content.length} >>\nstream\n`,
      'latin1',
    ),
    content,
    Buffer.from('\nendstream', 'latin1'),
  ]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A valid-looking PNG of a few hundred bytes whose header claims width × height grey pixels. */
function pngClaiming(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.alloc((width + 1) * 4))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A minimal ZIP (one stored file), as a .docx or .zip would start. */
function zipWith(name: string, content: string): Buffer {
  const data = Buffer.from(content);
  const fileName = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc32(data), 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(fileName.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt32LE(crc32(data), 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(fileName.length, 28);
  const centralOffset = local.length + fileName.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + fileName.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  return Buffer.concat([local, fileName, data, central, fileName, end]);
}

// --- helpers --------------------------------------------------------------------------------------

function accepted(result: MaterialFileResult): ProcessedMaterialFile {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.problems)}`);
  return result;
}

function refusedWith(result: MaterialFileResult) {
  if (result.ok) throw new Error('accepted, expected a refusal');
  expect(result.problems).toHaveLength(1);
  return result.problems[0]!;
}

/** Colour of the pixel at (x, y) of an encoded picture. */
async function pixel(bytes: Buffer, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * info.channels;
  return [data[at]!, data[at + 1]!, data[at + 2]!];
}

const near = (actual: number[], expected: readonly number[]) =>
  actual.every((v, i) => Math.abs(v - expected[i]!) < 40);

/** Asserts a stored JPEG carries no metadata at all, by sharp's reading and by its bytes. */
async function expectNoMetadata(bytes: Buffer) {
  const metadata = await sharp(bytes).metadata();
  expect(metadata.format).toBe('jpeg');
  expect(metadata.exif).toBeUndefined();
  expect(metadata.orientation).toBeUndefined();
  expect(metadata.xmp).toBeUndefined();
  expect(metadata.iptc).toBeUndefined();
  expect(metadata.icc).toBeUndefined();
  const text = bytes.toString('latin1');
  for (const marker of [
    'Exif\0\0',
    'GPS',
    'TestPhone',
    'HQE-Secret-Model',
    'Zhang San',
    'http://ns.adobe.com/xap',
  ]) {
    expect(text).not.toContain(marker);
  }
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

// --- pictures -------------------------------------------------------------------------------------

describe('pictures', () => {
  it('when a sideways phone photo with GPS comes in, then it is stored upright as a JPEG with no EXIF, GPS or camera data', async () => {
    const input = await sidewaysPhoto();
    const inputMetadata = await sharp(input).metadata();
    expect(inputMetadata.orientation).toBe(6);
    expect(input.toString('latin1')).toContain('HQE-Secret-Model');

    const result = accepted(
      await processMaterialFile({ bytes: input, declaredName: '身份证正面.JPG' }),
    );
    expect(result).toMatchObject({
      kind: 'image',
      sourceType: 'jpeg',
      contentType: 'image/jpeg',
      fileName: '身份证正面.jpg',
      width: 400,
      height: 600,
      pages: null,
      sizeBytes: result.bytes.length,
      sha256: sha256(result.bytes),
    });
    // Rotated 90° clockwise: the red left half is now on top.
    expect(near(await pixel(result.bytes, 200, 50), RED)).toBe(true);
    expect(near(await pixel(result.bytes, 200, 550), BLUE)).toBe(true);
    await expectNoMetadata(result.bytes);

    expect(result.thumbnail).toMatchObject({ contentType: 'image/jpeg', width: 213, height: 320 });
    await expectNoMetadata(result.thumbnail!.bytes);
    expect(near(await pixel(result.thumbnail!.bytes, 100, 20), RED)).toBe(true);
  });

  it('when a transparent PNG comes in, then it becomes a JPEG on white', async () => {
    const width = 500;
    const height = 300;
    const rgba = Buffer.alloc(width * height * 4);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        // Left half opaque blue, right half fully transparent.
        if (x < width / 2) rgba.set([...BLUE, 255], (y * width + x) * 4);
      }
    }
    const png = await sharp(rgba, { raw: { width, height, channels: 4 } })
      .png()
      .toBuffer();
    const result = accepted(await processMaterialFile({ bytes: png, declaredName: 'scan.png' }));
    expect(result).toMatchObject({ sourceType: 'png', fileName: 'scan.jpg', width, height });
    expect((await sharp(result.bytes).metadata()).channels).toBe(3);
    expect(near(await pixel(result.bytes, 50, 150), BLUE)).toBe(true);
    expect(near(await pixel(result.bytes, 450, 150), [255, 255, 255])).toBe(true);
    await expectNoMetadata(result.bytes);
  });

  it('when a large photo comes in, then it is shrunk to a 2480 px long side, ratio kept; a small one is never enlarged', async () => {
    const big = await sharp({
      create: { width: 5000, height: 3000, channels: 3, background: { r: 200, g: 200, b: 200 } },
    })
      .jpeg()
      .toBuffer();
    const result = accepted(await processMaterialFile({ bytes: big, declaredName: 'a.jpg' }));
    expect([result.width, result.height]).toEqual([2480, 1488]);
    expect(result.thumbnail).toMatchObject({ width: 320, height: 192 });

    const small = await sharp(halves(300, 220), { raw: { width: 300, height: 220, channels: 3 } })
      .png()
      .toBuffer();
    const kept = accepted(await processMaterialFile({ bytes: small, declaredName: 'b.png' }));
    expect([kept.width, kept.height]).toEqual([300, 220]);
    expect(kept.thumbnail).toMatchObject({ width: 300, height: 220 });
  });

  it('when an iPhone HEIC photo with EXIF GPS comes in, then it is decoded and stored as a clean JPEG', async () => {
    const heic = readFileSync(path.join(FIXTURES, 'phone-photo-gps.heic'));
    expect(detectMaterialType(heic)).toBe('heic');
    expect(heic.toString('latin1')).toContain('Exif');
    const result = accepted(
      await processMaterialFile({ bytes: heic, declaredName: 'IMG_0001.HEIC' }),
    );
    expect(result).toMatchObject({
      kind: 'image',
      sourceType: 'heic',
      contentType: 'image/jpeg',
      fileName: 'IMG_0001.jpg',
      width: 400,
      height: 300,
    });
    // The fixture: a white band on top, red left half, blue right half.
    expect(near(await pixel(result.bytes, 100, 150), RED)).toBe(true);
    expect(near(await pixel(result.bytes, 300, 150), BLUE)).toBe(true);
    expect(near(await pixel(result.bytes, 200, 10), [255, 255, 255])).toBe(true);
    await expectNoMetadata(result.bytes);
  });

  it('when a 12-megapixel HEIC is decoded, then the server keeps answering meanwhile (the decoder runs in a worker thread)', async () => {
    const heic = readFileSync(path.join(FIXTURES, 'phone-photo-12mp.heic'));
    let maxLag = 0;
    let last = Date.now();
    const ticker = setInterval(() => {
      const now = Date.now();
      maxLag = Math.max(maxLag, now - last - 10);
      last = now;
    }, 10);
    const started = Date.now();
    const result = accepted(
      await processMaterialFile({ bytes: heic, declaredName: 'IMG_0002.heic' }),
    );
    const elapsed = Date.now() - started;
    clearInterval(ticker);
    expect([result.width, result.height]).toEqual([2480, 1860]);
    // Decoding on the main thread would stall it for most of the elapsed time.
    expect(maxLag).toBeLessThan(elapsed / 3);
  });

  it('when a HEIC has more pixels than the limit, then it is refused from its header', async () => {
    const heic = readFileSync(path.join(FIXTURES, 'phone-photo-12mp.heic'));
    const refusal = refusedWith(
      await processMaterialFile({
        bytes: heic,
        declaredName: 'IMG_0002.heic',
        limits: { maxImagePixels: 10_000_000 },
      }),
    );
    expect(refusal).toEqual({
      code: 'image_too_many_pixels',
      message:
        '图片尺寸过大（4032 × 3024 像素，约 1219 万像素），超过 1000 万像素的上限。请缩小图片尺寸后重新上传。',
    });
  });

  it('when the same picture is processed twice, then the stored bytes and their sha256 are the same', async () => {
    const input = await sidewaysPhoto();
    const first = accepted(await processMaterialFile({ bytes: input, declaredName: 'x.jpg' }));
    const second = accepted(await processMaterialFile({ bytes: input, declaredName: 'x.jpg' }));
    expect(second.sha256).toBe(first.sha256);
  });

  it('when a PNG claims 30000 × 30000 pixels in a few hundred bytes, then it is refused from its header, quickly', async () => {
    const bomb = pngClaiming(30_000, 30_000);
    expect(bomb.length).toBeLessThan(1000);
    const started = Date.now();
    const refusal = refusedWith(await processMaterialFile({ bytes: bomb, declaredName: 'x.png' }));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(refusal.code).toBe('image_too_many_pixels');
    expect(refusal.message).toBe(
      '图片尺寸过大（30000 × 30000 像素，约 90000 万像素），超过 5000 万像素的上限。请缩小图片尺寸后重新上传。',
    );
  });

  it('when a real picture has more pixels than the configured limit, then it is refused before decoding', async () => {
    const solid = await sharp({
      create: { width: 3000, height: 3000, channels: 3, background: { r: 0, g: 0, b: 0 } },
    })
      .png()
      .toBuffer();
    expect(solid.length).toBeLessThan(200_000);
    const refusal = refusedWith(
      await processMaterialFile({
        bytes: solid,
        declaredName: 'x.png',
        limits: { maxImagePixels: 4_000_000 },
      }),
    );
    expect(refusal.code).toBe('image_too_many_pixels');
    expect(refusal.message).toContain('3000 × 3000');
    expect(refusal.message).toContain('400 万像素的上限');
  });

  it('when a picture is too small to read, then it is refused with its size and the minimum', async () => {
    const tiny = await sharp(halves(150, 100), { raw: { width: 150, height: 100, channels: 3 } })
      .jpeg()
      .toBuffer();
    const refusal = refusedWith(await processMaterialFile({ bytes: tiny, declaredName: 'x.jpg' }));
    expect(refusal).toEqual({
      code: 'image_too_small',
      message:
        '图片尺寸过小（150 × 100 像素），无法看清材料内容。请重新拍摄或扫描（短边不少于 200 像素），不要上传缩略图或截图的局部。',
    });
  });

  it('when a JPEG is cut off or only its signature is real, then it is refused as unreadable', async () => {
    const whole = await sidewaysPhoto();
    for (const broken of [
      whole.subarray(0, Math.floor(whole.length / 2)),
      Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('not really a jpeg')]),
    ]) {
      const refusal = refusedWith(
        await processMaterialFile({ bytes: broken, declaredName: 'x.jpg' }),
      );
      expect(refusal).toEqual({
        code: 'image_unreadable',
        message: 'JPG 图片已损坏或不完整，无法读取。请重新拍摄、扫描或导出图片后上传。',
      });
    }
    const badHeic = Buffer.concat([
      readFileSync(path.join(FIXTURES, 'phone-photo-gps.heic')).subarray(0, 40),
    ]);
    expect(
      refusedWith(await processMaterialFile({ bytes: badHeic, declaredName: 'x.heic' })).code,
    ).toBe('image_unreadable');
  });

  it('when a picture is larger than the image limit, then it is refused with both sizes', async () => {
    const photo = await sidewaysPhoto();
    const refusal = refusedWith(
      await processMaterialFile({
        bytes: photo,
        declaredName: 'x.jpg',
        limits: { maxImageBytes: 1024 },
      }),
    );
    expect(refusal.code).toBe('file_too_large');
    expect(refusal.message).toMatch(/^JPG 图片大小为 0\.\d MB，超过 0\.0 MB 的上限。请压缩图片/);
    const defaults = refusedWith(
      await processMaterialFile({
        bytes: Buffer.concat([photo, Buffer.alloc(DEFAULT_MATERIAL_FILE_LIMITS.maxImageBytes)]),
        declaredName: 'x.jpg',
      }),
    );
    expect(defaults.message).toMatch(/^JPG 图片大小为 10\.\d MB，超过 10 MB 的上限。/);
  });
});

// --- PDFs -----------------------------------------------------------------------------------------

describe('PDFs', () => {
  it('when a real three-page PDF comes in, then its bytes are kept as they are with the page count and no thumbnail', async () => {
    const input = await pdf(3);
    const result = accepted(
      await processMaterialFile({ bytes: input, declaredName: '学历证书.PDF' }),
    );
    expect(result).toEqual({
      ok: true,
      kind: 'pdf',
      sourceType: 'pdf',
      contentType: 'application/pdf',
      fileName: '学历证书.pdf',
      bytes: input,
      sha256: sha256(input),
      sizeBytes: input.length,
      width: null,
      height: null,
      pages: 3,
      thumbnail: null,
    });
  });

  it('when a PDF keeps its pages in a compressed object stream, then they are counted', async () => {
    const input = craftPdf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [4 0 R 5 0 R] /Count 2 >>',
      objectStream(4, [
        '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
        '<< /Type/Page/Parent 2 0 R/MediaBox[0 0 595 842] >>',
      ]),
    ]);
    expect(accepted(await processMaterialFile({ bytes: input, declaredName: 'a.pdf' })).pages).toBe(
      2,
    );
  });

  it('when a PDF holds page objects outside its page tree, then the tree’s count wins; without a catalog the page objects are counted', async () => {
    const orphan = '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>';
    const withTree = craftPdf([...PAGE_TREE, orphan, orphan]);
    expect(
      accepted(await processMaterialFile({ bytes: withTree, declaredName: 'a.pdf' })).pages,
    ).toBe(1);
    const withoutCatalog = craftPdf(['<< /Type /Pages /Count 7 >>', orphan, orphan]);
    expect(
      accepted(await processMaterialFile({ bytes: withoutCatalog, declaredName: 'a.pdf' })).pages,
    ).toBe(2);
  });

  it('when a PDF has a password (to open, or only to restrict), then it is refused with how to remove it', async () => {
    for (const options of [
      { userPassword: 'secret', ownerPassword: 'owner' },
      { ownerPassword: 'owner', permissions: { printing: 'highResolution' as const } },
    ]) {
      const refusal = refusedWith(
        await processMaterialFile({ bytes: await pdf(1, options), declaredName: 'a.pdf' }),
      );
      expect(refusal).toEqual({
        code: 'pdf_encrypted',
        message:
          'PDF 文件设置了密码或权限保护，审核人员无法查看。请去除密码后重新上传（例如打开文件后“打印”为新的 PDF）。',
      });
    }
  });

  it('when a PDF carries a script, a launch action or an embedded file — plainly, #-escaped or inside an object stream — then it is refused and says why', async () => {
    const cases = [
      craftPdf([
        '<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>',
        PAGE_TREE[1]!,
        PAGE_TREE[2]!,
        '<< /S /JavaScript /JS (app.alert\\(1\\)) >>',
      ]),
      craftPdf([
        '<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>',
        PAGE_TREE[1]!,
        PAGE_TREE[2]!,
        '<< /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>',
      ]),
      craftPdf([
        '<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>',
        PAGE_TREE[1]!,
        PAGE_TREE[2]!,
        '<< /S /Launch /F (cmd.exe) >>',
      ]),
      craftPdf([
        '<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles 4 0 R >> >>',
        PAGE_TREE[1]!,
        PAGE_TREE[2]!,
        '<< /Names [(a.exe) 5 0 R] >>',
      ]),
      craftPdf([
        '<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>',
        PAGE_TREE[1]!,
        PAGE_TREE[2]!,
        objectStream(4, ['<< /S /JavaScript /JS (this.exportDataObject\\(\\)) >>']),
      ]),
    ];
    for (const input of cases) {
      const refusal = refusedWith(
        await processMaterialFile({ bytes: input, declaredName: 'a.pdf' }),
      );
      expect(refusal.code).toBe('pdf_forbidden_content');
      expect(refusal.message).toContain('文件含有不允许的内容');
    }
  });

  it('when "/JS" appears only inside a string or a comment or a content stream, then the PDF is accepted', async () => {
    const content = Buffer.from('BT /F1 12 Tf (see /JavaScript) Tj ET', 'latin1');
    const input = craftPdf([
      '<< /Type /Catalog /Pages 2 0 R >>\n% a comment mentioning /JavaScript',
      PAGE_TREE[1]!,
      '<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Annots [5 0 R] >>',
      Buffer.concat([
        Buffer.from(`<< /Length ${content.length} >>\nstream\n`, 'latin1'),
        content,
        Buffer.from('\nendstream', 'latin1'),
      ]),
      '<< /Type /Annot /Subtype /Link /A << /S /URI /URI (https://example.com/JS/Launch\\)) >> >>',
    ]);
    expect(accepted(await processMaterialFile({ bytes: input, declaredName: 'a.pdf' })).pages).toBe(
      1,
    );
  });

  it('when a PDF is cut off or its structure is broken, then it is refused as damaged', async () => {
    const whole = await pdf(2);
    const broken = [
      whole.subarray(0, Math.floor(whole.length / 2)),
      Buffer.from('%PDF-1.4\nhello\n%%EOF\n'),
      Buffer.concat([Buffer.from('%PDF-x.y\n'), whole.subarray(9)]),
      // An object stream that does not inflate.
      craftPdf([
        PAGE_TREE[0]!,
        PAGE_TREE[1]!,
        PAGE_TREE[2]!,
        '<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length 8 >>\nstream\nnotzlib!\nendstream',
      ]),
    ];
    for (const input of broken) {
      const refusal = refusedWith(
        await processMaterialFile({ bytes: input, declaredName: 'a.pdf' }),
      );
      expect(refusal).toEqual({
        code: 'pdf_damaged',
        message: 'PDF 文件不完整或已损坏，无法打开。请重新导出或扫描为 PDF 后上传。',
      });
    }
  });

  it('when an object stream’s offsets make every object span the whole stream (a CPU bomb), then it is refused quickly', async () => {
    // Offsets alternating 0 and L: half of the N objects would each cover all L bytes (N × L work).
    const bomb = (pairs: number, bodyLength: number) => {
      const header = `${Array.from({ length: pairs }, (_, k) => `${2 * k + 10} 0 ${2 * k + 11} ${bodyLength}`).join(' ')} `;
      const body = '/a '.repeat(Math.ceil(bodyLength / 3)).slice(0, bodyLength);
      const content = deflateSync(Buffer.from(`${header}${body} `, 'latin1'), { level: 9 });
      return craftPdf([
        PAGE_TREE[0]!,
        PAGE_TREE[1]!,
        PAGE_TREE[2]!,
        Buffer.concat([
          Buffer.from(
            `<< /Type /ObjStm /N ${pairs * 2} /First ${header.length} /Filter /FlateDecode /Length ${content.length} >>\nstream\n`,
            'latin1',
          ),
          content,
          Buffer.from('\nendstream', 'latin1'),
        ]),
      ]);
    };
    for (const [pairs, bodyLength, size] of [
      [2_000, 80_000, 10_000],
      [18_000, 2_000_000, 100_000],
    ] as const) {
      const input = bomb(pairs, bodyLength);
      expect(input.length).toBeGreaterThan(size * 0.9);
      expect(input.length).toBeLessThan(size * 1.3);
      const started = Date.now();
      const refusal = refusedWith(
        await processMaterialFile({ bytes: input, declaredName: 'a.pdf' }),
      );
      expect(Date.now() - started).toBeLessThan(1000);
      expect(refusal.code).toBe('pdf_damaged');
    }
  });

  it('when an object stream’s header is inconsistent (offsets out of order or outside it, too many objects), then it is refused as damaged', async () => {
    const page = '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>';
    const second = page.length + 1;
    const withHeader = (header: string, n: number, bodies: string) => {
      const content = deflateSync(Buffer.from(header + bodies, 'latin1'));
      return craftPdf([
        PAGE_TREE[0]!,
        PAGE_TREE[1]!,
        Buffer.concat([
          Buffer.from(
            `<< /Type /ObjStm /N ${n} /First ${header.length} /Filter /FlateDecode /Length ${content.length} >>\nstream\n`,
            'latin1',
          ),
          content,
          Buffer.from('\nendstream', 'latin1'),
        ]),
      ]);
    };
    // Sanity: the well-formed one is accepted.
    expect(
      (
        await processMaterialFile({
          bytes: withHeader(`3 0 4 ${second} `, 2, `${page} ${page}`),
          declaredName: 'a.pdf',
        })
      ).ok,
    ).toBe(true);
    for (const input of [
      withHeader(`3 ${second} 4 0 `, 2, `${page} ${page}`), // decreasing
      withHeader('3 0 4 0 ', 2, `${page} ${page}`), // the same offset twice
      withHeader('3 0 4 5000 ', 2, `${page} ${page}`), // outside the stream
      withHeader('3 0 ', 600_000, page), // more objects than the cap
    ]) {
      expect(
        refusedWith(await processMaterialFile({ bytes: input, declaredName: 'a.pdf' })).code,
      ).toBe('pdf_damaged');
    }
  });

  it('when "endobj" or a comment sign hides inside a string to smuggle a script past the check, then the PDF is refused', async () => {
    const catalog = (openAction: string) =>
      craftPdf([
        `<< /Type /Catalog /Pages 2 0 R /OpenAction ${openAction} >>`,
        PAGE_TREE[1]!,
        PAGE_TREE[2]!,
      ]);
    const cases = [
      // The reviewer's bypass: `endobj` cut the object short and `%` hid the rest as a comment.
      catalog('<< /X (endobj %) /S /JavaScript /JS (app.alert\\(1\\)) >>'),
      catalog('<< /X (a (nested) \\) endobj %) /S /JavaScript /JS (app.alert\\(1\\)) >>'),
      craftPdf([
        PAGE_TREE[0]!,
        PAGE_TREE[1]!,
        '<< /Type /Page /AA << /O << /X (endobj %) /S /Launch /F (cmd.exe) >> >> /Parent 2 0 R >>',
      ]),
      // Without `endobj`: the `%` inside a string is no comment, the script is seen.
      catalog('<< /X (%) /S /JavaScript /JS (app.alert\\(1\\)) >>'),
      catalog('<< /X <25> /S /J#61vaScript /JS (app.alert\\(1\\)) >>'),
    ];
    for (const input of cases) {
      const refusal = refusedWith(
        await processMaterialFile({ bytes: input, declaredName: 'a.pdf' }),
      );
      expect(['pdf_damaged', 'pdf_forbidden_content']).toContain(refusal.code);
    }
    expect(
      refusedWith(await processMaterialFile({ bytes: cases[3]!, declaredName: 'a.pdf' })).code,
    ).toBe('pdf_forbidden_content');
  });

  it('when object boundaries or stream data are inconsistent, then the PDF is refused as damaged', async () => {
    const script = '<< /S /JavaScript /JS (app.alert\\(1\\)) >>';
    const data = Buffer.from(`BT ET\nendstream\nendobj\n9 0 obj\n${script}\nendobj\n`, 'latin1');
    const cases = [
      // A string never closed (a reader would read the rest of the file as a string).
      craftPdf([...PAGE_TREE, '<< /Title (unclosed >>']),
      // `endobj` outside any object; `obj` inside one; unbalanced dictionaries.
      craftPdf([...PAGE_TREE, '<< /A 1 >>\nendobj\nendobj']),
      craftPdf([...PAGE_TREE, '<< /A 1 >>\n5 0 obj\n<< /B 2 >>']),
      craftPdf([...PAGE_TREE, '<< /A << /B 1 >>']),
      // A hex string with something else than hex digits in it.
      craftPdf([...PAGE_TREE, '<< /A <41 /JS> >>']),
      // Stream data whose /Length runs past an `endstream` inside it.
      craftPdf([
        ...PAGE_TREE,
        Buffer.concat([
          Buffer.from(`<< /Length ${data.length} >>\nstream\n`, 'latin1'),
          data,
          Buffer.from('\nendstream', 'latin1'),
        ]),
      ]),
    ];
    for (const input of cases) {
      expect(
        refusedWith(await processMaterialFile({ bytes: input, declaredName: 'a.pdf' })).code,
      ).toBe('pdf_damaged');
    }
  });

  it('when a large PDF is inspected in a worker thread, then the answer is the same and the main thread keeps answering', async () => {
    const pages = Array.from(
      { length: 30_000 },
      () =>
        '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /T (a title \\(x\\)) /H <48656c6c6f> >>',
    );
    const input = craftPdf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Count 1 >>',
      ...pages,
    ]);
    expect(input.length).toBeGreaterThan(3_000_000);
    let maxLag = 0;
    let last = Date.now();
    const ticker = setInterval(() => {
      const now = Date.now();
      maxLag = Math.max(maxLag, now - last - 10);
      last = now;
    }, 10);
    const started = Date.now();
    const inWorker = await inspectPdfInWorker(input);
    const elapsed = Date.now() - started;
    clearInterval(ticker);
    expect(inWorker).toEqual({ ok: true, pages: 1 });
    expect(inWorker).toEqual(inspectPdf(input));
    expect(maxLag).toBeLessThan(Math.max(200, elapsed / 3));
    const smuggled = craftPdf([
      '<< /Type /Catalog /Pages 2 0 R /OpenAction << /X (endobj %) /S /JavaScript /JS (x) >> >>',
      PAGE_TREE[1]!,
      PAGE_TREE[2]!,
    ]);
    expect(await inspectPdfInWorker(smuggled)).toEqual({ ok: false, reason: 'damaged' });
  });

  it('when a PDF is larger than the PDF limit, then it is refused with both sizes', async () => {
    const input = await pdf(1);
    const refusal = refusedWith(
      await processMaterialFile({
        bytes: input,
        declaredName: 'a.pdf',
        limits: { maxPdfBytes: 100 },
      }),
    );
    expect(refusal.code).toBe('file_too_large');
    expect(refusal.message).toMatch(
      /^PDF 文件大小为 .* MB，超过 .* MB 的上限。请降低扫描分辨率或分成几个文件后重新上传。$/,
    );
    // The image limit does not apply to PDFs.
    expect(
      (
        await processMaterialFile({
          bytes: input,
          declaredName: 'a.pdf',
          limits: { maxImageBytes: 100 },
        })
      ).ok,
    ).toBe(true);
  });
});

// --- anything else --------------------------------------------------------------------------------

describe('other files', () => {
  const UNSUPPORTED =
    '仅支持 JPG、PNG、HEIC 图片或 PDF 文件。请将材料拍照、扫描为图片，或导出为 PDF 后重新上传（Word、压缩包等其他文件不能上传）。';

  it('when a file is not a JPEG, PNG, HEIC or PDF by content, then its name does not matter: it is refused', async () => {
    const avif = await sharp(halves(300, 300), { raw: { width: 300, height: 300, channels: 3 } })
      .avif()
      .toBuffer();
    const gif = await sharp(halves(300, 300), { raw: { width: 300, height: 300, channels: 3 } })
      .gif()
      .toBuffer();
    const cases: [string, Buffer][] = [
      ['证书.jpg', Buffer.from('这是一个文本文件，不是图片。\n')],
      ['证书.pdf', zipWith('[Content_Types].xml', '<Types/>')],
      ['材料.docx', zipWith('word/document.xml', '<w:document/>')],
      ['setup.jpg', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)])],
      ['photo.heic', avif],
      ['photo.png', gif],
      ['leading-space.pdf', Buffer.concat([Buffer.from(' '), await pdf(1)])],
    ];
    for (const [declaredName, bytes] of cases) {
      const refusal = refusedWith(await processMaterialFile({ bytes, declaredName }));
      expect(refusal, declaredName).toEqual({ code: 'unsupported_type', message: UNSUPPORTED });
    }
  });

  it('when a file is empty, then it is refused as empty', async () => {
    expect(
      refusedWith(await processMaterialFile({ bytes: new Uint8Array(0), declaredName: 'a.pdf' })),
    ).toEqual({
      code: 'empty_file',
      message: '文件是空的（0 字节），请重新选择文件后上传。',
    });
  });

  it('when a refusal becomes an API error, then it is 422 material_rejected with every problem', () => {
    const one = materialRejected([{ code: 'empty_file', message: '文件是空的' }]);
    expect(one).toMatchObject({
      code: 'material_rejected',
      statusCode: 422,
      message: '文件是空的',
      details: { problems: [{ code: 'empty_file', message: '文件是空的' }] },
    });
    const two = materialRejected([
      { code: 'empty_file', message: 'a' },
      { code: 'unsupported_type', message: 'b' },
    ]);
    expect(two.message).toBe('材料文件未通过检查，请按各项提示处理后重新上传。');
  });
});

describe('stored file names', () => {
  it('when a name carries folders, control or direction characters or the wrong extension, then the stored name is clean', () => {
    expect(storedFileName('../../etc/passwd', 'jpg')).toBe('passwd.jpg');
    expect(storedFileName('C:\\Users\\张三\\学历证书.PDF', 'pdf')).toBe('学历证书.pdf');
    expect(storedFileName('IMG_0001.HEIC', 'jpg')).toBe('IMG_0001.jpg');
    expect(storedFileName('invoice\u202Egpj.exe', 'pdf')).toBe('invoicegpj.pdf');
    expect(storedFileName('a\u0000b\tc  d.png', 'jpg')).toBe('abc d.jpg');
    expect(storedFileName('', 'jpg')).toBe('材料.jpg');
    expect(storedFileName('.hidden', 'pdf')).toBe('.hidden.pdf');
    expect(storedFileName(`${'长'.repeat(200)}.jpg`, 'jpg')).toBe(`${'长'.repeat(80)}.jpg`);
  });
});

describe('material limits configuration', () => {
  it('when nothing is set, then the defaults apply; values are read and bad ones named', () => {
    expect(loadConfig({}).materials).toEqual({
      maxImageBytes: DEFAULT_MATERIAL_FILE_LIMITS.maxImageBytes,
      maxPdfBytes: DEFAULT_MATERIAL_FILE_LIMITS.maxPdfBytes,
      maxImagePixels: DEFAULT_MATERIAL_FILE_LIMITS.maxImagePixels,
    });
    expect(
      loadConfig({
        MATERIAL_MAX_IMAGE_BYTES: '5242880',
        MATERIAL_MAX_PDF_BYTES: '31457280',
        MATERIAL_MAX_IMAGE_PIXELS: '24000000',
      }).materials,
    ).toEqual({ maxImageBytes: 5_242_880, maxPdfBytes: 31_457_280, maxImagePixels: 24_000_000 });
    for (const name of [
      'MATERIAL_MAX_IMAGE_BYTES',
      'MATERIAL_MAX_PDF_BYTES',
      'MATERIAL_MAX_IMAGE_PIXELS',
    ]) {
      expect(() => loadConfig({ [name]: '12abc' })).toThrow(ConfigError);
      expect(() => loadConfig({ [name]: '1' })).toThrow(new RegExp(name));
    }
  });
});
