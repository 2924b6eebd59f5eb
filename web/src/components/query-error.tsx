import { Alert, Button } from 'antd';
import { errorMessageOf } from '../lib/api-client';
import { commonMessages } from './messages';

/** Shows why a query failed, in the server's own words, with a retry button. */
export function QueryError({
  error,
  onRetry,
  title = commonMessages.loadErrorTitle,
}: {
  error: unknown;
  onRetry?: () => void;
  title?: string;
}) {
  return (
    <Alert
      type="error"
      showIcon
      title={title}
      description={errorMessageOf(error)}
      action={
        onRetry ? (
          <Button onClick={onRetry} aria-label={`${commonMessages.retry}：${title}`}>
            {commonMessages.retry}
          </Button>
        ) : undefined
      }
    />
  );
}
