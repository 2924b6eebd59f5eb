import { Result } from 'antd';
import { ButtonLink } from './button-link';
import { commonMessages } from './messages';
import { PageTitle } from './page-title';

interface Props {
  section?: 'portal' | 'console';
  homePath?: string;
  homeLabel?: string;
}

/** The 404 page: says plainly the page does not exist and offers the way home. */
export function NotFoundPage({
  section = 'portal',
  homePath = '/',
  homeLabel = commonMessages.backHome,
}: Props) {
  return (
    <>
      <PageTitle title={commonMessages.notFoundTitle} section={section} />
      <Result
        status="404"
        title={<h1 className="result-title">{commonMessages.notFoundTitle}</h1>}
        subTitle={commonMessages.notFoundHint}
        extra={
          <ButtonLink type="primary" to={homePath}>
            {homeLabel}
          </ButtonLink>
        }
      />
    </>
  );
}

/** The 403 page: the user is signed in but their role does not include this page. */
export function ForbiddenPage({
  section = 'console',
  homePath = '/console',
  homeLabel = commonMessages.backConsole,
}: Props) {
  return (
    <>
      <PageTitle title={commonMessages.forbiddenTitle} section={section} />
      <Result
        status="403"
        title={<h1 className="result-title">{commonMessages.forbiddenTitle}</h1>}
        subTitle={commonMessages.forbiddenHint}
        extra={
          <ButtonLink type="primary" to={homePath}>
            {homeLabel}
          </ButtonLink>
        }
      />
    </>
  );
}
