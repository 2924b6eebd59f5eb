import type { AccountView, Role } from '@hqe/core';
import type { ReactNode } from 'react';
import { ErrorBoundary } from '../../../components/error-boundary';
import { PageTitle } from '../../../components/page-title';
import { QueryError } from '../../../components/query-error';
import { ForbiddenPage } from '../../../components/result-page';
import { catalogMessages, useExamAreas } from '../../../features/catalog';
import type { ExamAreaRef } from '../../../lib/types';
import { useConsoleAccount } from './context';

/** What a page's content gets: the acting account and, for a platform admin, the areas to pick. */
export interface AreaAdminScope {
  account: AccountView;
  areas: ExamAreaRef[];
  areasPending: boolean;
}

/**
 * The frame of a console page that works on one exam area: the role check, the title and intro,
 * the exam-area list a platform admin picks from (area admins keep their own), and an error
 * boundary around the content.
 */
export function AreaAdminPage({
  title,
  intro,
  allowed,
  children,
}: {
  title: string;
  intro: (account: AccountView, isPlatformAdmin: boolean) => ReactNode;
  allowed: (roles: readonly Role[]) => boolean;
  children: (scope: AreaAdminScope) => ReactNode;
}) {
  const account = useConsoleAccount();
  const isPlatformAdmin = account.roles.includes('platform_admin');
  const areas = useExamAreas({ enabled: isPlatformAdmin });
  if (!allowed(account.roles)) return <ForbiddenPage />;
  return (
    <>
      <PageTitle title={title} section="console" />
      <h1 className="page-title">{title}</h1>
      <p className="page-intro">{intro(account, isPlatformAdmin)}</p>
      {areas.isError && (
        <QueryError
          error={areas.error}
          title={catalogMessages.areasLoadFailed}
          onRetry={() => void areas.refetch()}
        />
      )}
      <ErrorBoundary region={title}>
        {children({
          account,
          areas: areas.data?.items ?? [],
          areasPending: isPlatformAdmin && areas.isPending,
        })}
      </ErrorBoundary>
    </>
  );
}
