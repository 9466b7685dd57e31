import { api, type Organization, type Page } from '../api.js';
import { when } from '../format.js';
import { Show, useLoad } from '../load.js';
import { PageTitle } from '../page-title.js';
import { NewOrganization } from '../people/new-organization.js';
import { BASE } from '../router.js';

/**
 * The organizations the signed-in user can see (all of them for a cluster admin), and a form to create
 * one: any signed-in user may, and becomes its admin.
 */
export function Organizations() {
  const [loaded, retry] = useLoad(() => api<Page<Organization>>('GET', '/v1/organizations?limit=200'), '');
  return (
    <>
      <PageTitle>Organizations</PageTitle>
      <Show loaded={loaded} what="organizations" retry={retry}>
        {(page) =>
          page.items.length === 0 ? (
            <p class="note">You are not a member of any organization yet.</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Key prefix</th>
                  <th scope="col">Created</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((org) => (
                  <tr key={org.id}>
                    <td data-label="Name">
                      <a href={`${BASE}/organizations/${org.id}`}>{org.name}</a>
                    </td>
                    <td data-label="Key prefix">
                      <code>{org.keyPrefix}</code>
                    </td>
                    <td data-label="Created">{when(org.createdAt, '—')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Show>
      <NewOrganization />
    </>
  );
}
