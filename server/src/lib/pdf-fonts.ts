/**
 * The Chinese font of every PDF the server writes (application form, later the admission ticket),
 * parsed once per process.
 *
 * Source Han Sans SC (思源黑体, OFL) comes with `npm install` (package `node-source-han-sans-sc`),
 * so the server needs no system font. It covers GB 18030 with the whole 通用规范汉字表 (8,105
 * characters), 6,582 of CJK Extension A and 2,108 of Extension B (e.g. 𠇔 U+201D4, 𡈼 U+2123C,
 * 䶮 U+4DAE). Characters it lacks are found by {@link missingCharacters} before drawing, so that the
 * caller can say so instead of printing an empty box. Noto Sans CJK (Debian's `fonts-noto-cjk`) is
 * the same design with the same coverage, so it would not help as a fallback; see
 * docs/decisions/0010-application-form-pdf.md.
 *
 * Why a cached font object: pdfkit accepts a parsed fontkit font in `registerFont` (any object with
 * `layout`). Given a path or a Buffer instead, it parses the 17 MB OpenType file again for every
 * document, and fontkit's per-glyph work (charstrings, the subroutines each glyph uses) is redone
 * each time. The fontkit instance is pdfkit's own (resolved from pdfkit's folder), so both agree on
 * the font object's shape.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type PDFDocument from 'pdfkit';

/** What `registerFont` takes. */
type FontSource = Parameters<InstanceType<typeof PDFDocument>['registerFont']>[1];

/** The part of a fontkit glyph pdfkit reads. */
interface FontkitGlyph {
  id: number;
  advanceWidth: number;
  codePoints: number[];
}

/** A glyph position as fontkit's layout returns it (pdfkit scales these in place). */
interface GlyphPosition {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
}

interface GlyphRun {
  glyphs: FontkitGlyph[];
  positions: GlyphPosition[];
  readonly advanceWidth: number;
}

/** The part of a fontkit font this module uses. */
interface FontkitFont {
  postscriptName: string;
  hasGlyphForCodePoint(codePoint: number): boolean;
  glyphForCodePoint(codePoint: number): FontkitGlyph;
  layout: (text: string, features?: unknown) => GlyphRun;
}

const requireHere = createRequire(import.meta.url);
const fontkit = createRequire(requireHere.resolve('pdfkit'))('fontkit') as {
  create(buffer: Uint8Array): FontkitFont;
};

/** Where the regular weight of Source Han Sans SC is installed. */
export const PDF_FONT_FILE = requireHere.resolve(
  'node-source-han-sans-sc/SourceHanSansSC-Regular.otf',
);

/** Printed in place of a character no font has: 〓 (U+3013 GETA MARK), the printers' sign for it. */
export const MISSING_GLYPH_MARK = '〓';

/** Variation selectors choose a glyph variant; without the variant the base character is right. */
const isVariationSelector = (cp: number) =>
  (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef);

/** Control characters and format marks print nothing. */
const isInvisible = (cp: number) =>
  cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || (cp >= 0x200b && cp <= 0x200f) || cp === 0xfeff;

/**
 * Lays out text one character per glyph, by the font's character map, with each glyph's own
 * advance. Chinese text needs no more: the form has no ligatures, no combining marks and no
 * vertical text. fontkit's full OpenType shaping (GSUB/GPOS over this font's large lookup tables)
 * costs about 3 ms per line, more than the rest of a form together, and changes nothing visible
 * here beyond the kerning of a few Latin pairs.
 */
function simpleLayout(font: FontkitFont) {
  return (text: string): GlyphRun => {
    const glyphs: FontkitGlyph[] = [];
    const positions: GlyphPosition[] = [];
    for (const character of text) {
      const codePoint = character.codePointAt(0) ?? 0;
      if (isVariationSelector(codePoint)) continue;
      const glyph = font.glyphForCodePoint(codePoint);
      glyphs.push(glyph);
      positions.push({ xAdvance: glyph.advanceWidth, yAdvance: 0, xOffset: 0, yOffset: 0 });
    }
    return {
      glyphs,
      positions,
      get advanceWidth() {
        let width = 0;
        for (const position of positions) width += position.xAdvance;
        return width;
      },
    };
  };
}

export interface PdfFont {
  /** Pass to `doc.registerFont(name, font.source)`: the parsed font, shared by all documents. */
  readonly source: FontSource;
  /** The PostScript name, e.g. SourceHanSansSC-Regular. */
  readonly postscriptName: string;
  /** Whether the font can draw the character (one code point). */
  hasGlyph(codePoint: number): boolean;
}

let cached: PdfFont | undefined;

/** Reads the font file and parses the font on first use; later calls return the same font. */
function loadFont(file: string): PdfFont {
  const font = fontkit.create(readFileSync(file));
  font.layout = simpleLayout(font);
  return {
    // pdfkit takes a parsed fontkit font although its type definitions list only files and bytes.
    source: font as unknown as FontSource,
    postscriptName: font.postscriptName,
    hasGlyph: (codePoint) => font.hasGlyphForCodePoint(codePoint),
  };
}

/** The process-wide Chinese PDF font (Source Han Sans SC Regular), loaded on first call. */
export function pdfFont(): PdfFont {
  cached ??= loadFont(PDF_FONT_FILE);
  return cached;
}

/** The distinct characters of `text` that the PDF font cannot draw, in order of appearance. */
export function missingCharacters(text: string, font: PdfFont = pdfFont()): string[] {
  const missing = new Set<string>();
  for (const character of text) {
    const codePoint = character.codePointAt(0) ?? 0;
    if (isVariationSelector(codePoint) || isInvisible(codePoint)) continue;
    if (!font.hasGlyph(codePoint)) missing.add(character);
  }
  return [...missing];
}

/**
 * `text` ready to draw: characters the font lacks become {@link MISSING_GLYPH_MARK} (never an
 * empty box or nothing), control characters are dropped and line breaks become spaces.
 */
export function printableText(text: string, font: PdfFont = pdfFont()): string {
  let out = '';
  for (const character of text) {
    const codePoint = character.codePointAt(0) ?? 0;
    if (codePoint === 0x0a || codePoint === 0x0d || codePoint === 0x09) out += ' ';
    else if (isVariationSelector(codePoint) || isInvisible(codePoint)) continue;
    else out += font.hasGlyph(codePoint) ? character : MISSING_GLYPH_MARK;
  }
  return out;
}
