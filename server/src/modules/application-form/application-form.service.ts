import type { Db } from '../../db/database';
import { notFound } from '../../lib/errors';
import type { ApplicationFormMeta } from './application-form.data';
import { formTitle, renderBlankApplicationForm } from './application-form.pdf';
import * as repo from './application-form.repository';

/** A file to send: its name, content type and bytes. */
export interface PdfDownload {
  fileName: string;
  contentType: 'application/pdf';
  bytes: Buffer;
}

/** Blank forms kept rendered, by area and cycle (a few areas × a few cycles). */
const CACHE_LIMIT = 64;

/**
 * The application form's public use: the blank form of an exam area and cycle, which the area also
 * attaches to its exam notice. It depends only on the names and the year, so it is rendered once
 * and kept until those change.
 */
export function createApplicationFormService({ db }: { db: Db }) {
  const cache = new Map<string, { fingerprint: string; download: Promise<PdfDownload> }>();

  async function render(meta: ApplicationFormMeta): Promise<PdfDownload> {
    return {
      fileName: `${meta.examAreaName}考区${formTitle(meta)}.pdf`,
      contentType: 'application/pdf',
      bytes: await renderBlankApplicationForm(meta),
    };
  }

  return {
    async blankForm(examAreaCode: string, cycleId: number): Promise<PdfDownload> {
      const area = await repo.findExamAreaByCode(db, examAreaCode);
      if (!area) throw notFound(`未找到代码为 ${examAreaCode} 的考区，请返回首页重新选择。`);
      const cycle = await repo.findCycleWithExam(db, cycleId);
      if (!cycle) throw notFound('未找到该考试年度，请返回首页重新选择。');
      const meta = { examName: cycle.examName, cycleYear: cycle.year, examAreaName: area.name };
      const key = `${area.id}:${cycle.id}`;
      const fingerprint = JSON.stringify(meta);
      const hit = cache.get(key);
      if (hit?.fingerprint === fingerprint) return hit.download;
      const download = render(meta);
      cache.delete(key);
      if (cache.size >= CACHE_LIMIT) {
        const oldest = cache.keys().next().value;
        if (oldest !== undefined) cache.delete(oldest);
      }
      cache.set(key, { fingerprint, download });
      void download.catch(() => {
        if (cache.get(key)?.download === download) cache.delete(key);
      });
      return download;
    },
  };
}

export type ApplicationFormService = ReturnType<typeof createApplicationFormService>;
