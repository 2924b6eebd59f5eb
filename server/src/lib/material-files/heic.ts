import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * HEIC (iPhone photo) decoding off the main thread.
 *
 * sharp's prebuilt libvips has no HEVC decoder, so HEIC goes through libheif compiled to
 * WebAssembly (`heic-decode`). That decoder is synchronous: a 12-megapixel photo holds the thread
 * for seconds, which on the main thread would stall every other request. Each decode therefore
 * runs in a worker thread of its own (its memory — 4 bytes a pixel plus libheif's — is returned
 * when it ends), at most `MAX_CONCURRENT` at a time, with a time limit. The worker reads the size
 * from the header first and decodes nothing above the pixel limit. libheif's own messages to
 * the console are silenced inside the worker (they would land in the server's JSON log stream).
 */
export type HeicDecoding =
  | { kind: 'pixels'; width: number; height: number; rgba: Buffer }
  | { kind: 'too_many_pixels'; width: number; height: number }
  | { kind: 'unreadable' };

const MAX_CONCURRENT = 2;
const TIME_LIMIT_MS = 60_000;

const HEIC_DECODE_PATH = createRequire(import.meta.url).resolve('heic-decode');

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
for (const method of ['log', 'info', 'warn', 'error', 'debug']) console[method] = () => {};
const decode = require(workerData.modulePath);
(async () => {
  const images = await decode.all({ buffer: workerData.bytes });
  try {
    const first = images[0];
    if (!first) return { kind: 'unreadable' };
    const { width, height } = first;
    if (width * height > workerData.maxPixels) return { kind: 'too_many_pixels', width, height };
    const decoded = await first.decode();
    return { kind: 'pixels', width: decoded.width, height: decoded.height, data: decoded.data };
  } finally {
    images.dispose();
  }
})().then(
  (result) => parentPort.postMessage(result, result.data ? [result.data.buffer] : []),
  () => parentPort.postMessage({ kind: 'unreadable' }),
);
`;

type WorkerAnswer =
  | { kind: 'pixels'; width: number; height: number; data: Uint8ClampedArray }
  | { kind: 'too_many_pixels'; width: number; height: number }
  | { kind: 'unreadable' };

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

function decodeInWorker(bytes: Uint8Array, maxPixels: number): Promise<WorkerAnswer> {
  return new Promise((resolve) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { modulePath: HEIC_DECODE_PATH, bytes, maxPixels },
      stdout: true,
      stderr: true,
    });
    worker.stdout.resume();
    worker.stderr.resume();
    let settled = false;
    const settle = (answer: WorkerAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(answer);
    };
    const timer = setTimeout(() => settle({ kind: 'unreadable' }), TIME_LIMIT_MS);
    worker.once('message', (answer: WorkerAnswer) => settle(answer));
    worker.once('error', () => settle({ kind: 'unreadable' }));
    worker.once('exit', () => settle({ kind: 'unreadable' }));
  });
}

/** Decodes the first image of a HEIC file to RGBA, unless it has more than `maxPixels` pixels. */
export async function decodeHeic(bytes: Uint8Array, maxPixels: number): Promise<HeicDecoding> {
  const release = await slot();
  try {
    const answer = await decodeInWorker(bytes, maxPixels);
    if (answer.kind !== 'pixels') return answer;
    const { width, height, data } = answer;
    if (data.byteLength !== width * height * 4) return { kind: 'unreadable' };
    return {
      kind: 'pixels',
      width,
      height,
      rgba: Buffer.from(data.buffer, data.byteOffset, data.byteLength),
    };
  } finally {
    release();
  }
}
