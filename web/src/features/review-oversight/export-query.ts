import type { RegistrationStatus } from '@hqe/core';

/** What the dashboard's 「导出 Excel」 exports: the cycle and area shown, with its filters. */
export interface ExportChoice {
  cycleId: number;
  /** Only for a platform administrator (others export their own area). */
  examAreaId: number | null;
  status: RegistrationStatus | null;
  specialtyCode: string | null;
  cityId: number | null;
}

/** The query string of GET /api/review/export for a choice (empty filters left out). */
export function exportQueryString(choice: ExportChoice): string {
  const params = new URLSearchParams({ cycleId: String(choice.cycleId) });
  if (choice.examAreaId !== null) params.set('examAreaId', String(choice.examAreaId));
  if (choice.status) params.set('status', choice.status);
  if (choice.specialtyCode) params.set('specialtyCode', choice.specialtyCode);
  if (choice.cityId !== null) params.set('cityId', String(choice.cityId));
  return params.toString();
}

/**
 * The file name of a download from its Content-Disposition header: the UTF-8 `filename*` when
 * present, else the plain `filename`, else `fallback`.
 */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  if (encoded) {
    try {
      return decodeURIComponent(encoded.trim());
    } catch {
      // a malformed encoding: fall through to the plain name
    }
  }
  const plain = /filename="([^"]+)"/i.exec(disposition)?.[1];
  return plain ?? fallback;
}
