import { constants, inflateSync } from 'node:zlib';

/**
 * A minimal structural check of an uploaded PDF, in plain TypeScript (no PDF library, no poppler):
 * enough to refuse what a reviewer could not open or should not open, not a full parser.
 *
 * - damaged: no `%PDF-1.x`/`%PDF-2.x` header, no `startxref`, no `%%EOF` in the last 4 KB, an
 *   object, string or stream cut off, an inconsistent structure (an `obj` inside an object, an
 *   `endobj` outside one, unbalanced `<< >>`, a literal string holding `endobj`/`endstream`, stream
 *   data holding `endstream` before its `/Length` ends), an object stream that cannot be inflated
 *   or whose offsets are not increasing inside it — we refuse what we cannot inspect. Also
 *   refused as damaged: more than `MAX_OBJECTS` objects or more than `MAX_INFLATED_BYTES` of
 *   inflated object streams (no genuine scan or export comes near either).
 * - encrypted: the trailer (or cross-reference stream) has `/Encrypt`: a password or permission
 *   protection the review console cannot open.
 * - forbidden: an active or embedded part anywhere in the object structure — `/JavaScript` or `/JS`
 *   (scripts), `/Launch` (starts a program), `/EmbeddedFile(s)` (files inside the PDF, a way to
 *   smuggle an executable), `/RichMedia` (Flash/video players).
 *
 * The whole file is read by one continuous lexer, as a PDF reader reads it: comments, literal
 * strings (nested parentheses, backslash escapes — so `(endobj %)` or a web address such as
 * `(https://example.com/JS)` stays a string), hex strings, names (`#xx` decoded, so
 * `/J#61vaScript` is still JavaScript), numbers and keywords. Object boundaries (`n g obj` …
 * `endobj`) are only recognised as tokens, never inside a string or comment. Stream data is
 * skipped by its direct `/Length` (or, when that is indirect or wrong, up to the first
 * `endstream`). Object streams (PDF 1.5+, FlateDecode) are inflated and their objects, each in
 * its own region, read by the same lexer. Every byte is read once: the time is linear in the
 * file size plus the inflated size (at most 8 MB). Measured on the 2-core CI machine under load:
 * a 20 MB scan (image streams, skipped) 20–70 ms, a 1,500-page 14 MB text export 150–400 ms, and
 * the worst a crafted 20 MB file can do (nothing but small dictionaries) about 2 s.
 * `inspectPdfInWorker` (pdf-worker.ts) runs the same check in a worker thread with a time limit,
 * for callers that must not hold the event loop that long (it costs ~0.5 s of worker start-up).
 *
 * The page count is the `/Count` of the page tree the latest trailer's `/Root` catalog points to
 * (direct numbers only). When that chain cannot be followed it is an estimate: the number of
 * distinct objects whose latest definition is a `/Type /Page` dictionary — which also counts pages
 * no longer in the tree (left by an incremental update, or copied along by a merging tool). Null
 * when neither gives a number.
 */
export type PdfInspection =
  | { ok: true; pages: number | null }
  | { ok: false; reason: 'damaged' | 'encrypted' }
  | { ok: false; reason: 'forbidden'; names: string[] };

const FORBIDDEN_NAMES = new Set([
  'JavaScript',
  'JS',
  'Launch',
  'EmbeddedFile',
  'EmbeddedFiles',
  'RichMedia',
]);
/** Inflated object streams, in all. */
const MAX_INFLATED_BYTES = 8 * 1024 * 1024;
/** Objects (top-level and inside object streams), in all. */
const MAX_OBJECTS = 500_000;

class Damaged extends Error {}

// Byte classes (PDF 32000-1 §7.2.2): 0 regular, 1 white-space, 2 delimiter.
const CLASS = new Uint8Array(256);
for (const c of [0, 9, 10, 12, 13, 32]) CLASS[c] = 1;
for (const c of '()<>[]{}/%') CLASS[c.charCodeAt(0)] = 2;
const isHexDigit = (c: number) =>
  (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);

/** One token; every token has the same shape (the lexer's hot loop stays monomorphic). */
interface Token {
  kind: 'int' | 'name' | 'keyword' | 'string' | '<<' | '>>' | 'other';
  /** An integer's value, else 0. */
  value: number;
  /** A name (decoded) or keyword, else ''. */
  text: string;
}

const token = (kind: Token['kind'], value = 0, text = ''): Token => ({ kind, value, text });
const STRING = token('string');
const OPEN = token('<<');
const CLOSE = token('>>');
const OTHER = token('other');

const KEYWORDS = new Set(['obj', 'endobj', 'stream', 'endstream', 'R']);

/** `src[from, to)` as a latin1 string (short tokens: cheaper than a Buffer slice). */
function latin1(src: Buffer, from: number, to: number): string {
  if (to - from > 32) return src.toString('latin1', from, to);
  let text = '';
  for (let k = from; k < to; k++) text += String.fromCharCode(src[k] ?? 0);
  return text;
}

const ENDOBJ = Buffer.from('endobj', 'latin1');
const ENDSTREAM = Buffer.from('endstream', 'latin1');

/** PDF tokens of `src[from, to)`; `position` may be moved forward (past stream data). */
class Lexer {
  constructor(
    private readonly src: Buffer,
    public position: number,
    private readonly end: number,
  ) {}

  next(): Token | null {
    const { src, end } = this;
    let i = this.position;
    for (;;) {
      while (i < end && CLASS[src[i] ?? 0] === 1) i++;
      if (i >= end) {
        this.position = i;
        return null;
      }
      if (src[i] !== 0x25 /* % */) break;
      while (i < end && src[i] !== 0x0a && src[i] !== 0x0d) i++;
    }
    const c = src[i] ?? 0;
    if (c === 0x28 /* ( */) {
      const start = i + 1;
      let depth = 1;
      for (i++; i < end && depth > 0; i++) {
        const s = src[i];
        if (s === 0x5c /* \ */) i++;
        else if (s === 0x28) depth++;
        else if (s === 0x29) depth--;
      }
      if (depth > 0) throw new Damaged('string not ended');
      // A reader would see an object boundary here only if it lost track of the string.
      const inside = i - 1 - start >= ENDOBJ.length ? src.subarray(start, i - 1) : null;
      if (inside && (inside.includes(ENDOBJ) || inside.includes(ENDSTREAM))) {
        throw new Damaged('object boundary inside a string');
      }
      this.position = i;
      return STRING;
    }
    if (c === 0x3c /* < */) {
      if (src[i + 1] === 0x3c && i + 1 < end) {
        this.position = i + 2;
        return OPEN;
      }
      for (i++; i < end && src[i] !== 0x3e; i++) {
        if (!isHexDigit(src[i] ?? 0) && CLASS[src[i] ?? 0] !== 1)
          throw new Damaged('bad hex string');
      }
      if (i >= end) throw new Damaged('hex string not ended');
      this.position = i + 1;
      return STRING;
    }
    if (c === 0x3e /* > */) {
      if (src[i + 1] !== 0x3e || i + 1 >= end) throw new Damaged('stray >');
      this.position = i + 2;
      return CLOSE;
    }
    if (c === 0x29 /* ) */) throw new Damaged('stray )');
    if (c === 0x2f /* / */) {
      let j = i + 1;
      while (j < end && CLASS[src[j] ?? 0] === 0) j++;
      this.position = j;
      const raw = latin1(src, i + 1, j);
      return token(
        'name',
        0,
        raw.includes('#')
          ? raw.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) =>
              String.fromCharCode(parseInt(hex, 16)),
            )
          : raw,
      );
    }
    if (CLASS[c] === 2) {
      this.position = i + 1;
      return OTHER; // [ ] { }
    }
    let j = i;
    let value = 0;
    let digits = true;
    for (; j < end && CLASS[src[j] ?? 0] === 0; j++) {
      const d = (src[j] ?? 0) - 0x30;
      if (d < 0 || d > 9) digits = false;
      else if (digits) value = value * 10 + d;
    }
    this.position = j;
    if (digits && j - i <= 15) return token('int', value);
    // Only the keywords the structure needs; `true`, `null`, reals, `f`/`n` of a table: other.
    const text = j - i <= 9 ? latin1(src, i, j) : '';
    return KEYWORDS.has(text) ? token('keyword', 0, text) : OTHER;
  }
}

/** What is kept of one object's latest definition. */
interface ObjectFacts {
  page: boolean;
  /** `/Pages n g R` (a catalog). */
  pagesRef: number | null;
  /** A direct `/Count n`. */
  count: number | null;
}

/** Facts gathered while reading one object's tokens (or a trailer's). */
class ObjectReader {
  readonly names: string[] = [];
  page = false;
  objectStream = false;
  xref = false;
  pagesRef: number | null = null;
  rootRef: number | null = null;
  count: number | null = null;
  length: number | null = null;
  n: number | null = null;
  first: number | null = null;
  depth = 0;
  // The three tokens before the one taken, `c` the last.
  private a: Token | null = null;
  private b: Token | null = null;
  private c: Token | null = null;

  constructor(private readonly allNames: Set<string>) {}

  take(token: Token) {
    const { a, b, c } = this;
    if (token.kind === 'name') {
      this.names.push(token.text);
      this.allNames.add(token.text);
      if (c?.kind === 'name' && c.text === 'Type') {
        if (token.text === 'Page') this.page = true;
        else if (token.text === 'ObjStm') this.objectStream = true;
        else if (token.text === 'XRef') this.xref = true;
      }
    } else if (token.kind === '<<') {
      this.depth++;
    } else if (token.kind === '>>') {
      if (--this.depth < 0) throw new Damaged('unbalanced >>');
    }
    // `/Key n g R`: a reference.
    if (
      token.kind === 'keyword' &&
      token.text === 'R' &&
      a?.kind === 'name' &&
      b?.kind === 'int' &&
      c?.kind === 'int'
    ) {
      if (a.text === 'Pages') this.pagesRef = b.value;
      else if (a.text === 'Root') this.rootRef = b.value;
    }
    // `/Key n` not followed by `g R`: a direct number, decided one or two tokens later.
    if (b?.kind === 'name' && c?.kind === 'int' && token.kind !== 'int') {
      this.direct(b.text, c.value);
    } else if (
      a?.kind === 'name' &&
      b?.kind === 'int' &&
      c?.kind === 'int' &&
      !(token.kind === 'keyword' && token.text === 'R')
    ) {
      this.direct(a.text, b.value);
    }
    this.a = b;
    this.b = c;
    this.c = token;
  }

  /** Ends the reading: a pending direct number is decided. */
  finish() {
    this.take(OTHER);
  }

  private direct(key: string, value: number) {
    if (key === 'Count') this.count = value;
    else if (key === 'Length') this.length = value;
    else if (key === 'N') this.n = value;
    else if (key === 'First') this.first = value;
  }

  facts(): ObjectFacts {
    return { page: this.page, pagesRef: this.pagesRef, count: this.count };
  }
}

interface Scan {
  /** Object number → facts of its latest definition. */
  objects: Map<number, ObjectFacts>;
  /** The catalog's object number from the last trailer or cross-reference stream naming one. */
  root: number | null;
  /** Every name of the structure: objects, stream dictionaries, trailers, object streams. */
  names: Set<string>;
}

/** The raw bytes of an object stream, inflated; throws Damaged for what cannot be read. */
function decodeObjectStream(dictNames: string[], raw: Buffer, budget: { left: number }): Buffer {
  const filters = dictNames.filter((n) => n.endsWith('Decode'));
  if (dictNames.includes('DecodeParms') || filters.some((f) => f !== 'FlateDecode')) {
    throw new Damaged('unsupported object stream filter');
  }
  if (filters.length > 1) throw new Damaged('chained filters');
  if (filters.length === 0) return raw;
  let inflated: Buffer;
  try {
    inflated = inflateSync(raw, {
      maxOutputLength: Math.max(1, budget.left),
      finishFlush: constants.Z_SYNC_FLUSH,
    });
  } catch {
    throw new Damaged('object stream does not inflate');
  }
  budget.left -= inflated.length;
  if (budget.left <= 0) throw new Damaged('object streams too large');
  return inflated;
}

function scan(bytes: Buffer): Scan {
  const objects = new Map<number, ObjectFacts>();
  const names = new Set<string>();
  let root: number | null = null;
  const budget = { left: MAX_INFLATED_BYTES };
  let objectCount = 0;
  const define = (number: number, reader: ObjectReader) => {
    if (++objectCount > MAX_OBJECTS) throw new Damaged('too many objects');
    objects.set(number, reader.facts());
  };

  /** The objects of an object stream, each read in its own region of the inflated bytes. */
  const readObjectStream = (reader: ObjectReader, content: Buffer) => {
    const { n: count, first } = reader;
    if (count === null || first === null) throw new Damaged('object stream without /N or /First');
    if (first > content.length || count > MAX_OBJECTS - objectCount) {
      throw new Damaged('object stream header');
    }
    const header: number[] = [];
    const lexer = new Lexer(content, 0, first);
    while (header.length < count * 2) {
      const token = lexer.next();
      if (token?.kind !== 'int') throw new Damaged('object stream header');
      header.push(token.value);
    }
    const size = content.length - first;
    for (let k = 0; k < count; k++) {
      const number = header[2 * k] ?? 0;
      const offset = header[2 * k + 1] ?? 0;
      const next = k + 1 < count ? (header[2 * k + 3] ?? 0) : size;
      if (offset >= next || next > size) throw new Damaged('object stream offsets');
      const inner = new ObjectReader(names);
      const region = new Lexer(content, first + offset, first + next);
      for (let token = region.next(); token; token = region.next()) {
        if (token.kind === 'keyword' && token.text !== 'R') {
          throw new Damaged('object boundary inside an object stream object');
        }
        inner.take(token);
      }
      inner.finish();
      if (inner.depth !== 0) throw new Damaged('unbalanced << in object stream');
      define(number, inner);
    }
  };

  const lexer = new Lexer(bytes, 0, bytes.length);
  // Outside objects: the cross-reference tables and the trailers.
  let outside = new ObjectReader(names);
  let current: { number: number; reader: ObjectReader; streamed: boolean } | null = null;
  // The two tokens before this one, `last` the nearer.
  let beforeLast: Token | null = null;
  let last: Token | null = null;
  for (let token = lexer.next(); token; token = lexer.next()) {
    const twoBack = beforeLast;
    const oneBack = last;
    beforeLast = last;
    last = token;
    if (token.kind !== 'keyword') {
      (current?.reader ?? outside).take(token);
      continue;
    }
    switch (token.text) {
      case 'obj': {
        const number = twoBack;
        const generation = oneBack;
        if (current || number?.kind !== 'int' || generation?.kind !== 'int') {
          throw new Damaged('misplaced obj');
        }
        outside.finish();
        if (outside.depth !== 0) throw new Damaged('unbalanced << outside objects');
        if (outside.rootRef !== null) root = outside.rootRef;
        outside = new ObjectReader(names);
        current = { number: number.value, reader: new ObjectReader(names), streamed: false };
        break;
      }
      case 'endobj': {
        if (!current) throw new Damaged('endobj outside an object');
        const { reader } = current;
        reader.finish();
        if (reader.depth !== 0) throw new Damaged('unbalanced << in an object');
        if (reader.xref && reader.rootRef !== null) root = reader.rootRef;
        define(current.number, reader);
        current = null;
        break;
      }
      case 'stream': {
        if (!current || current.streamed || oneBack?.kind !== '>>') {
          throw new Damaged('misplaced stream');
        }
        const { reader } = current;
        reader.finish();
        if (reader.depth !== 0) throw new Damaged('unbalanced << before stream');
        current.streamed = true;
        let dataStart = lexer.position;
        if (bytes[dataStart] === 0x0d) dataStart++;
        if (bytes[dataStart] === 0x0a) dataStart++;
        let dataEnd = -1;
        if (reader.length !== null && dataStart + reader.length <= bytes.length) {
          const end = dataStart + reader.length;
          let k = end;
          while (k < bytes.length && k < end + 32 && CLASS[bytes[k] ?? 0] === 1) k++;
          if (bytes.subarray(k, k + ENDSTREAM.length).equals(ENDSTREAM)) {
            if (bytes.subarray(dataStart, end).includes(ENDSTREAM)) {
              throw new Damaged('endstream inside stream data');
            }
            dataEnd = end;
            lexer.position = k + ENDSTREAM.length;
          }
        }
        if (dataEnd === -1) {
          dataEnd = bytes.indexOf(ENDSTREAM, dataStart);
          if (dataEnd === -1) throw new Damaged('stream not ended');
          lexer.position = dataEnd + ENDSTREAM.length;
        }
        if (reader.objectStream) {
          readObjectStream(
            reader,
            decodeObjectStream(reader.names, bytes.subarray(dataStart, dataEnd), budget),
          );
        }
        beforeLast = last = null;
        break;
      }
      case 'endstream':
        throw new Damaged('endstream outside a stream');
      default:
        (current?.reader ?? outside).take(token);
    }
  }
  if (current) throw new Damaged('object not ended');
  outside.finish();
  if (outside.rootRef !== null) root = outside.rootRef;
  return { objects, names, root };
}

/** `/Count` of the page tree under the catalog, or null when the chain is not plain numbers. */
function pageTreeCount(result: Scan): number | null {
  const catalog = result.root === null ? undefined : result.objects.get(result.root);
  const tree =
    catalog?.pagesRef === null || catalog === undefined
      ? undefined
      : result.objects.get(catalog.pagesRef);
  return tree?.count ?? null;
}

/** Checks a file that starts with `%PDF-`; see the module comment for what is refused. */
export function inspectPdf(bytes: Buffer): PdfInspection {
  const head = bytes.subarray(0, 16).toString('latin1');
  const tail = bytes.subarray(Math.max(0, bytes.length - 4096)).toString('latin1');
  if (!/^%PDF-[12]\.[0-9]/.test(head) || !tail.includes('%%EOF')) {
    return { ok: false, reason: 'damaged' };
  }
  if (!bytes.includes('startxref', Math.max(0, bytes.length - 64 * 1024), 'latin1')) {
    return { ok: false, reason: 'damaged' };
  }
  let result: Scan;
  try {
    result = scan(bytes);
  } catch (error) {
    if (error instanceof Damaged) return { ok: false, reason: 'damaged' };
    throw error;
  }
  if (result.names.has('Encrypt')) return { ok: false, reason: 'encrypted' };
  const forbidden = [...result.names].filter((name) => FORBIDDEN_NAMES.has(name)).sort();
  if (forbidden.length > 0) return { ok: false, reason: 'forbidden', names: forbidden };
  const fromTree = pageTreeCount(result);
  if (fromTree !== null && fromTree > 0) return { ok: true, pages: fromTree };
  const pages = [...result.objects.values()].filter((o) => o.page).length;
  return { ok: true, pages: pages > 0 ? pages : null };
}
