import { useMutation } from '@tanstack/react-query';
import { networkError, toApiError } from '../../../lib/api-client';
import { exportQueryString, fileNameOf, type ExportChoice } from '../export-query';

const FALLBACK_NAME = '报名信息.xlsx';

/**
 * GET /api/review/export — fetches the sheet (the session cookie goes along; no state changes, so
 * no CSRF token) and hands it to the browser as a download. Errors come back as ApiError with the
 * server's Chinese message. Resolves with the file name and the number of rows.
 */
export async function downloadExport(
  choice: ExportChoice,
): Promise<{ fileName: string; rows: number }> {
  let response: Response;
  try {
    response = await fetch(`/api/review/export?${exportQueryString(choice)}`, {
      credentials: 'same-origin',
      headers: { accept: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    });
  } catch {
    throw networkError();
  }
  if (!response.ok) {
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
    throw toApiError(response.status, body);
  }
  const blob = await response.blob();
  const fileName = fileNameOf(response.headers.get('content-disposition'), FALLBACK_NAME);
  const url = URL.createObjectURL(blob);
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.style.display = 'none';
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // Let the browser start the download before the object URL goes.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
  return { fileName, rows: Number(response.headers.get('x-row-count') ?? 0) };
}

export function useExportDownload() {
  return useMutation({ mutationFn: downloadExport });
}
