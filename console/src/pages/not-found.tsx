import { PageTitle } from '../page-title.js';
import { BASE } from '../router.js';

/**
 * A path that is no page. Within an organization's tab (`inTab`), whose page already has its title, it
 * is a section of that page rather than a page of its own.
 */
export function NotFound({ inTab = false }: { inTab?: boolean }) {
  return (
    <>
      {inTab ? <h2>Page not found</h2> : <PageTitle>Page not found</PageTitle>}
      <p>
        There is no console page here. <a href={`${BASE}/`}>Go to the organizations</a>.
      </p>
    </>
  );
}
