import { pageTitle } from '../lib/site';

/** Sets the document title of the current page (React 19 hoists <title> into <head>). */
export function PageTitle({
  title,
  section = 'portal',
}: {
  title: string;
  section?: 'portal' | 'console';
}) {
  return <title>{pageTitle(title, section)}</title>;
}
