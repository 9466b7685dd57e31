import { PageTitle } from '../page-title.js';
import { BASE } from '../router.js';

export function NotFound() {
  return (
    <>
      <PageTitle>Page not found</PageTitle>
      <p>
        There is no console page here. <a href={`${BASE}/`}>Go to the organizations</a>.
      </p>
    </>
  );
}
