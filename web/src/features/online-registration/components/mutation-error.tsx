import { Alert } from 'antd';
import { errorMessageOf, isApiError } from '../../../lib/api-client';
import { onlineRegistrationMessages as m } from '../messages';

/** The API's own message for a failed change; a version conflict says the page was re-read. */
export function MutationError({ error }: { error: unknown }) {
  if (!error) return null;
  const conflict = isApiError(error, 'version_conflict');
  return (
    <Alert
      className="form-alert"
      type={conflict ? 'warning' : 'error'}
      showIcon
      role="alert"
      title={conflict ? m.versionConflict : errorMessageOf(error)}
      description={conflict ? errorMessageOf(error) : undefined}
    />
  );
}
