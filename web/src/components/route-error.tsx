import { Button, Result } from 'antd';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { commonMessages } from './messages';
import { NotFoundPage } from './result-page';

/** The router's last line of defence: a page that failed to render or load. */
export function RouteError() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  return (
    <main className="standalone-result">
      <title>{commonMessages.appErrorTitle}</title>
      <Result
        status="error"
        title={<h1 className="result-title">{commonMessages.appErrorTitle}</h1>}
        subTitle={commonMessages.appErrorHint}
        extra={
          <Button type="primary" onClick={() => window.location.reload()}>
            {commonMessages.reloadPage}
          </Button>
        }
      />
    </main>
  );
}
