import { constants, inflateSync } from 'node:zlib';

/**
 * A minimal structural check of an uploaded PDF, in plain TypeScript (no PDF library, no poppler):
 * enough to refuse what a reviewer could not open or should not open, not a full parser.
 *
 * - damaged: no `%PDF-1.x`/`%PDF-2.x` header, no `startxref`, no `%%EOF` in the last 4 KB, an
 *   object or stream cut off, or an object stream (compressed objects) that cannot be inflated —
 *   we refuse what we cannot inspect.
 * - encrypted: the trailer (or cross-reference stream) has `/Encrypt`: a password or permission
 *   protection the review console cannot open.
 * - forbidden: an active or embedded part anywhere in the object structure — `/JavaScript` or `/JS`
 *   (scripts), `/Launch` (starts a program), `/EmbeddedFile(s)` (files inside the PDF, a way to
 *   smuggle an executable), `/RichMedia` (Flash/video players).
 *
 * Names are read by a small lexer that skips comments, literal strings (so a web address such as
 * `(https://example.com/JS)` is not a name) and stream contents (binary data could contain any
 * bytes), and decodes `#xx` escapes (so `/J#61vaScript` is still JavaScript). Object streams
 * (PDF 1.5+, FlateDecode) are inflated, at most 64 MB in all, and their objects read the same way.
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
const MAX_INFLATED_BYTES = 64 * 1024 * 1024;

const WHITESPACE = new Set(['\0', '\t', '\n', '\f', '\r', ' ']);
const DELIMITERS = new Set(['(', ')', '<', '>', '[', ']', '{', '}', '/', '%']);

class Damaged extends Error {}

/** The names (`/Name` tokens, `#xx` decoded) in PDF syntax, skipping strings and comments. */
function namesIn(source: string): string[] {
  const names: string[] = [];
  for (let i = 0; i < source.length; i++) {
    const c = source.charAt(i);
    if (c === '%') {
      while (i < source.length && source[i] !== '\n' && source[i] !== '\r') i++;
    } else if (c === '(') {
      let depth = 1;
      for (i++; i < source.length && depth > 0; i++) {
        const s = source[i];
        if (s === '\\') i++;
        else if (s === '(') depth++;
        else if (s === ')') depth--;
      }
      i--;
    } else if (c === '/') {
      let j = i + 1;
      while (
        j < source.length &&
        !WHITESPACE.has(source.charAt(j)) &&
        !DELIMITERS.has(source.charAt(j))
      )
        j++;
      names.push(
        source
          .slice(i + 1, j)
          .replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) =>
            String.fromCharCode(parseInt(hex, 16)),
          ),
      );
      i = j - 1;
    }
  }
  return names;
}

const isPageObject = (names: string[]) =>
  names.some((name, i) => name === 'Type' && names[i + 1] === 'Page');

const STREAM_KEYWORD = />>\s*stream(?:\r\n|\r|\n)/;
const OBJECT_HEADER = /(\d{1,10})\s+\d{1,5}\s+obj\b/g;

interface Scan {
  /** Object number → its latest definition (dictionaries only, no stream data). */
  bodies: Map<number, string>;
  /** Object number → is its latest definition a page. */
  pages: Map<number, boolean>;
  /** The catalog's object number from the last trailer or cross-reference stream naming one. */
  root: number | null;
  /** Every name of the structure: objects, stream dictionaries, trailers, object streams. */
  names: Set<string>;
}

/** The raw bytes of an object stream, inflated; throws Damaged for what cannot be read. */
function decodeObjectStream(dictNames: string[], raw: Buffer, budget: { left: number }): string {
  const filters = dictNames.filter((n) => n.endsWith('Decode'));
  if (dictNames.includes('DecodeParms') || filters.some((f) => f !== 'FlateDecode')) {
    throw new Damaged('unsupported object stream filter');
  }
  if (filters.length > 1) throw new Damaged('chained filters');
  if (filters.length === 0) return raw.toString('latin1');
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
  return inflated.toString('latin1');
}

function scan(bytes: Buffer): Scan {
  const text = bytes.toString('latin1');
  const pages = new Map<number, boolean>();
  const bodies = new Map<number, string>();
  const names = new Set<string>();
  let root: number | null = null;
  const noteRoot = (source: string) => {
    for (const match of source.matchAll(/\/Root\s+(\d{1,10})\s+\d{1,5}\s+R/g)) {
      root = Number(match[1]);
    }
  };
  const budget = { left: MAX_INFLATED_BYTES };
  const addNames = (list: string[]) => {
    for (const name of list) names.add(name);
  };
  const define = (number: number, body: string) => {
    const list = namesIn(body);
    addNames(list);
    pages.set(number, isPageObject(list));
    bodies.set(number, body);
  };

  let position = 0;
  for (;;) {
    OBJECT_HEADER.lastIndex = position;
    const header = OBJECT_HEADER.exec(text);
    // Between objects: the cross-reference tables and the trailers.
    const between = text.slice(position, header ? header.index : text.length);
    addNames(namesIn(between));
    noteRoot(between);
    if (!header) break;
    const number = Number(header[1]);
    const bodyStart = header.index + header[0].length;
    const endobj = text.indexOf('endobj', bodyStart);
    const candidate = text.slice(bodyStart, endobj === -1 ? text.length : endobj);
    const keyword = STREAM_KEYWORD.exec(candidate);
    if (!keyword) {
      if (endobj === -1) throw new Damaged('object not ended');
      define(number, candidate);
      position = endobj + 'endobj'.length;
      continue;
    }
    const dictionary = candidate.slice(0, keyword.index + 2);
    const dataStart = bodyStart + keyword.index + keyword[0].length;
    const dictNames = namesIn(dictionary);
    // The direct /Length when it lands on `endstream`; otherwise the first `endstream`.
    let dataEnd = -1;
    const length = /\/Length\s+(\d{1,10})(?!\s+\d+\s+R)/.exec(dictionary);
    if (length) {
      const end = dataStart + Number(length[1]);
      if (/^\s*endstream/.test(text.slice(end, end + 32))) dataEnd = end;
    }
    if (dataEnd === -1) dataEnd = text.indexOf('endstream', dataStart);
    if (dataEnd === -1) throw new Damaged('stream not ended');
    const streamEnd = text.indexOf('endstream', dataEnd) + 'endstream'.length;
    const afterStream = text.indexOf('endobj', streamEnd);
    if (afterStream === -1) throw new Damaged('stream object not ended');
    define(number, dictionary);
    if (dictNames.includes('XRef')) noteRoot(dictionary);

    if (isObjectStream(dictNames)) {
      const content = decodeObjectStream(dictNames, bytes.subarray(dataStart, dataEnd), budget);
      const count = Number(/\/N\s+(\d{1,7})/.exec(dictionary)?.[1] ?? NaN);
      const first = Number(/\/First\s+(\d{1,10})/.exec(dictionary)?.[1] ?? NaN);
      if (Number.isNaN(count) || Number.isNaN(first)) {
        throw new Damaged('object stream without /N or /First');
      }
      // The header: pairs of object number and offset (from /First) of each object inside.
      const header = content.slice(0, first).trim().split(/\s+/).map(Number);
      if (header.length < count * 2 || header.some((n) => !Number.isInteger(n))) {
        throw new Damaged('object stream header');
      }
      for (let k = 0; k < count; k++) {
        const [objectNumber = 0, offset = 0] = header.slice(2 * k, 2 * k + 2);
        const next = k + 1 < count ? (header[2 * k + 3] ?? 0) : content.length - first;
        define(objectNumber, content.slice(first + offset, first + next));
      }
    }
    position = afterStream + 'endobj'.length;
  }
  return { bodies, pages, names, root };
}

/** `/Count` of the page tree under the catalog, or null when the chain is not plain numbers. */
function pageTreeCount(result: Scan): number | null {
  const catalog = result.root === null ? undefined : result.bodies.get(result.root);
  const pagesRef = catalog && /\/Pages\s+(\d{1,10})\s+\d{1,5}\s+R/.exec(catalog);
  const tree = pagesRef ? result.bodies.get(Number(pagesRef[1])) : undefined;
  const count = tree && /\/Count\s+(\d{1,7})(?![\d.]|\s+\d+\s+R)/.exec(tree);
  return count ? Number(count[1]) : null;
}

const isObjectStream = (names: string[]) =>
  names.some((name, i) => name === 'Type' && names[i + 1] === 'ObjStm');

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
  const pages = [...result.pages.values()].filter(Boolean).length;
  return { ok: true, pages: pages > 0 ? pages : null };
}
