/**
 * Names of this deployment, shown in headers and page titles. An exam area's deployment sets its
 * own at build time (`VITE_SITE_AREA_NAME`, `VITE_SITE_AREA_CODE`); the defaults are the first
 * customer's.
 */
export const SITE = {
  systemName: '全国卫生专业技术资格考试',
  portalName: '网上报名系统',
  consoleName: '考务管理平台',
  areaName: (import.meta.env.VITE_SITE_AREA_NAME as string | undefined) ?? '上海考区',
  areaCode: (import.meta.env.VITE_SITE_AREA_CODE as string | undefined) ?? '31',
} as const;

/** The document title of a page: "<page> - <system>". */
export function pageTitle(page: string, section: 'portal' | 'console' = 'portal'): string {
  const system = section === 'console' ? SITE.consoleName : SITE.portalName;
  return `${page} - ${SITE.systemName}${system}（${SITE.areaName}）`;
}
