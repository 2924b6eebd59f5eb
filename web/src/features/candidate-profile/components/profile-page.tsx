import type { CandidateProfileView } from '@hqe/core';
import { Alert } from 'antd';
import type { ReactNode } from 'react';
import { Loading } from '../../../components/loading';
import { QueryError } from '../../../components/query-error';
import { useCandidateProfile } from '../api/profile';
import { profileMessages as m } from '../messages';

/**
 * Loads the candidate's profile for a /me page: a spinner, the error with a retry, or the page —
 * with the lock notice on top once a confirmed registration depends on the information.
 */
export function ProfileGate({
  children,
}: {
  children: (profile: CandidateProfileView) => ReactNode;
}) {
  const query = useCandidateProfile();
  if (query.isPending) return <Loading />;
  if (query.isError) {
    return (
      <QueryError error={query.error} title={m.loadFailed} onRetry={() => void query.refetch()} />
    );
  }
  const profile = query.data;
  return (
    <div className="stack">
      {profile.locked && (
        <Alert
          type="warning"
          showIcon
          title={m.lockedTitle}
          description={m.lockedText(profile.locked.reason)}
        />
      )}
      {children(profile)}
    </div>
  );
}
