import { type ApiKey, api, type Organization, type Page } from '../api.js';
import { CreateKey } from '../keys/create-key.js';
import { KeyList } from '../keys/key-list.js';
import { KeyUsagePage } from '../keys/key-usage.js';
import { ownersOf } from '../keys/owners.js';
import { Show, useLoad } from '../load.js';
import { BASE } from '../router.js';
import { NotFound } from './not-found.js';

const USE = /^\/(key_[0-9A-Za-z]{22})\/use$/;

/**
 * An organization's keys tab. `rest` is the path after the tab's own, `/keys` (organization.tsx): `''`
 * for the list, `/new` for the creation steps, `/key_…/use` for how to use a key.
 */
export function OrganizationKeys({ org, rest }: { org: Organization; rest: string }) {
  if (rest === '/new') return <CreateKey org={org} />;
  const use = USE.exec(rest);
  if (use?.[1]) return <KeyUsagePage org={org} keyId={use[1]} />;
  if (rest !== '' && rest !== '/') return <NotFound inTab />;
  return <Keys org={org} />;
}

/** The list, as far as the signed-in user may see it (a member sees their own keys). */
function Keys({ org }: { org: Organization }) {
  const [loaded, retry] = useLoad(
    () =>
      Promise.all([
        api<Page<ApiKey>>('GET', `/v1/organizations/${org.id}/apikeys?limit=100`),
        // Names are a nicety: without them the list shows owners by id.
        ownersOf(org.id).then(
          ({ names }) => names,
          () => new Map<string, string>(),
        ),
      ]),
    org.id,
  );
  return (
    <>
      <p>
        <a class="button primary" href={`${BASE}/organizations/${org.id}/keys/new`}>
          Create key
        </a>
      </p>
      <Show loaded={loaded} what="the keys" retry={retry}>
        {([keys, owners]) => <KeyList orgId={org.id} first={keys} owners={owners} />}
      </Show>
    </>
  );
}
