import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { PdfInspection } from './pdf';

/**
 * `inspectPdf` off the main thread, with a time limit (the pattern of heic.ts).
 *
 * The check is linear, but a crafted 20 MB file of nothing but small dictionaries (or a small one
 * inflating to 8 MB of them) still costs up to about two seconds of CPU: run in a worker thread of its
 * own, at most `MAX_CONCURRENT` at a time, it cannot stall other requests. Not wired into
 * `processMaterialFile` yet (index.ts): starting the worker costs ~0.5 s per PDF. The worker loads the
 * TypeScript source through tsx (as the server itself runs). Past the time limit, or
 * when the worker fails, the file is reported damaged.
 */
const MAX_CONCURRENT = 2;
const TIME_LIMIT_MS = 15_000;

const TSX_CJS_API = createRequire(import.meta.url).resolve('tsx/cjs/api');
const PDF_MODULE = fileURLToPath(new URL('./pdf.ts', import.meta.url));

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
let answer;
try {
  const { inspectPdf } = require(workerData.tsxPath).require(workerData.modulePath, __filename);
  answer = inspectPdf(Buffer.from(workerData.bytes.buffer, workerData.bytes.byteOffset, workerData.bytes.byteLength));
} catch {
  answer = { ok: false, reason: 'damaged' };
}
parentPort.postMessage(answer);
`;

let running = 0;
const waiting: (() => void)[] = [];

async function slot(): Promise<() => void> {
  if (running >= MAX_CONCURRENT) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  return () => {
    running--;
    waiting.shift()?.();
  };
}

/** `inspectPdf(bytes)`, computed in a worker thread. */
export async function inspectPdfInWorker(bytes: Uint8Array): Promise<PdfInspection> {
  const release = await slot();
  try {
    return await new Promise<PdfInspection>((resolve) => {
      const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { tsxPath: TSX_CJS_API, modulePath: PDF_MODULE, bytes },
      });
      let settled = false;
      const settle = (answer: PdfInspection) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        void worker.terminate();
        resolve(answer);
      };
      const damaged: PdfInspection = { ok: false, reason: 'damaged' };
      const timer = setTimeout(() => settle(damaged), TIME_LIMIT_MS);
      worker.once('message', (answer: PdfInspection) => settle(answer));
      worker.once('error', () => settle(damaged));
      worker.once('exit', () => settle(damaged));
    });
  } finally {
    release();
  }
}
