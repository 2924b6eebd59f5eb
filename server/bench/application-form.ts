/**
 * Benchmark of the application form PDF (申报表), in process (no database, no HTTP):
 *
 *   npm run bench:form
 *
 * Prints, as Markdown rows for docs/performance.md:
 * - the cold start of a fresh process: reading and opening the font, then the first full form;
 * - full forms (with photo and barcode) per second: one after another, then 2 and 4 at a time on
 *   one event loop, then on 2 worker threads (one per core of the reference machine);
 * - why the font is shared: a one-line PDF with pdfkit parsing the font per document vs the
 *   shared parsed font.
 *
 * Options (environment): BENCH_SECONDS (default 10) per measured row.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import PDFDocument from 'pdfkit';
import { PDF_FONT_FILE, pdfFont } from '../src/lib/pdf-fonts';
import { renderApplicationForm, type ApplicationFormData } from '../src/modules/application-form';
import { code128Png } from '../src/modules/application-form/barcode';
import { applicationFormData, formPortrait } from '../test/application-form-fixtures';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);

/** A realistic form; the number and the name change per document, as they would in use. */
function formData(i: number, photo: Buffer): ApplicationFormData {
  const surnames = ['欧阳', '王', '李', '张', '司马', '赵', '陈', '刘'];
  const given = ['𠇔', '䶮', '堃', '喆', '昇', '赟', '祎', '明华'];
  const form = applicationFormData(photo);
  return {
    ...form,
    registrationNo: `3120240${String(1_000_000 + i).slice(1)}`,
    candidate: {
      ...form.candidate,
      name: `${surnames[i % surnames.length] ?? ''}${given[i % given.length] ?? ''}`,
      gender: i % 2 ? 'male' : 'female',
    },
    returningCandidateFileNo: null,
    generatedAt: new Date(),
  };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;

interface RunResult {
  count: number;
  elapsedMs: number;
  latencies: number[];
  bytes: number;
  /** CPU time of the process (all threads) during the run, ms: the cost on a quiet machine. */
  cpuMs: number;
}

const cpuMsSince = (start: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};

/** Renders forms for `durationMs` with `concurrency` in flight on this thread. */
async function run(concurrency: number, durationMs: number, photo: Buffer): Promise<RunResult> {
  const latencies: number[] = [];
  let bytes = 0;
  let next = 0;
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const end = start + durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        const { pdf } = await renderApplicationForm(formData(next++, photo));
        latencies.push(performance.now() - t);
        bytes += pdf.length;
      }
    }),
  );
  return {
    count: latencies.length,
    elapsedMs: performance.now() - start,
    latencies,
    bytes,
    cpuMs: cpuMsSince(cpuStart),
  };
}

function row(label: string, result: RunResult): string {
  const sorted = [...result.latencies].sort((a, b) => a - b);
  const perSecond = (result.count / result.elapsedMs) * 1000;
  return `| ${label} | ${perSecond.toFixed(1)} | ${percentile(sorted, 50).toFixed(0)} / ${percentile(sorted, 99).toFixed(0)} | ${(result.cpuMs / result.count).toFixed(0)} | ${(result.bytes / result.count / 1024).toFixed(0)} KB |`;
}

/** One line of Chinese in a PDF, the font given as a Buffer (parsed per document) or shared. */
function oneLinePdf(font: Parameters<PDFKit.PDFDocument['registerFont']>[1]): Promise<number> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4' });
    let size = 0;
    doc.on('data', (chunk: Buffer) => (size += chunk.length));
    doc.on('end', () => resolve(size));
    doc.on('error', reject);
    doc.registerFont('cjk', font);
    doc
      .font('cjk')
      .fontSize(12)
      .text('2024年度卫生专业技术资格考试申报表 欧阳𠇔䶮 上海交通大学医学院附属瑞金医院');
    doc.end();
  });
}

/** CPU ms per call (wall time is unreliable on a busy machine). */
async function timeEach(count: number, task: () => Promise<unknown>): Promise<number> {
  const start = process.cpuUsage();
  for (let i = 0; i < count; i++) await task();
  return cpuMsSince(start) / count;
}

async function workerMain(): Promise<void> {
  const { durationMs } = workerData as { durationMs: number };
  const photo = await formPortrait();
  await renderApplicationForm(formData(0, photo)); // warm up: the font, per thread
  parentPort?.postMessage(await run(1, durationMs, photo));
}

async function main(): Promise<void> {
  const durationMs = seconds * 1000;
  const photo = await formPortrait();

  /** Wall and CPU ms of one step. */
  const measure = async (task: () => unknown) => {
    const cpu = process.cpuUsage();
    const wall = performance.now();
    await task();
    return `${(performance.now() - wall).toFixed(0)} ms (CPU ${cpuMsSince(cpu).toFixed(0)} ms)`;
  };
  const fontOpen = await measure(() => pdfFont());
  const firstBarcode = await measure(() => code128Png('31202400000000'));
  const firstPdf = await measure(() => renderApplicationForm(formData(0, photo)));
  const secondPdf = await measure(() => renderApplicationForm(formData(1, photo)));
  for (let i = 2; i < 10; i++) await renderApplicationForm(formData(i, photo)); // warm up

  const rows = [
    row('one after another', await run(1, durationMs, photo)),
    row('2 at a time, one event loop', await run(2, durationMs, photo)),
    row('4 at a time, one event loop', await run(4, durationMs, photo)),
  ];

  const threads = 2;
  const cpuStart = process.cpuUsage();
  const results = await Promise.all(
    Array.from(
      { length: threads },
      () =>
        new Promise<RunResult>((resolve, reject) => {
          // A worker thread does not inherit tsx's loader: register it there, then load this file.
          const worker = new Worker(
            `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); });`,
            { eval: true, workerData: { durationMs } },
          );
          worker.once('message', (result: RunResult) => {
            resolve(result);
            void worker.terminate();
          });
          worker.once('error', reject);
        }),
    ),
  );
  rows.push(
    row(`${threads} worker threads, one form at a time each`, {
      count: results.reduce((n, r) => n + r.count, 0),
      elapsedMs: Math.max(...results.map((r) => r.elapsedMs)),
      latencies: results.flatMap((r) => r.latencies),
      bytes: results.reduce((n, r) => n + r.bytes, 0),
      // The whole process: includes each worker's start and warm-up.
      cpuMs: cpuMsSince(cpuStart),
    }),
  );

  const fontBytes = readFileSync(PDF_FONT_FILE);
  await oneLinePdf(fontBytes);
  await oneLinePdf(pdfFont().source);
  const perDocument = await timeEach(10, () => oneLinePdf(fontBytes));
  const shared = await timeEach(30, () => oneLinePdf(pdfFont().source));
  const load = os.loadavg()[0] ?? 0;

  const lines = [
    `Node.js ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${seconds} s per row, load average ${load.toFixed(1)} at the end`,
    '',
    `Cold start (fresh process): font file read and opened ${fontOpen}; first barcode (bwip-js) ${firstBarcode}; then the first full form ${firstPdf}, the second ${secondPdf}.`,
    '',
    '| full form (photo, barcode, rare characters) | PDFs/s | latency p50 / p99 ms | CPU ms per PDF | size |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    `One-line PDF, CPU per document: font given as a Buffer (pdfkit parses it per document) ${perDocument.toFixed(0)} ms; shared parsed font ${shared.toFixed(0)} ms.`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

if (isMainThread) {
  main().catch((error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exitCode = 1;
  });
} else {
  void workerMain();
}
