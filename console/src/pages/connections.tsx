import { useEffect, useRef } from 'preact/hooks';
import { api, type Organization, type Page } from '../api.js';
import { AddConnection } from '../connections/add-connection.js';
import { ConnectLinks } from '../connections/connect-links.js';
import { ConnectionList } from '../connections/connection-list.js';
import type { Connection } from '../connections/types.js';
import { Show, useLoad } from '../load.js';
import { BASE } from '../router.js';
import { NotFound } from './not-found.js';

/**
 * An organization's connections tab. `rest` is the path after `/connections`: `''` lists the connections
 * and the connect links, `/new` adds a connection through the provider's form.
 */
export function Connections({ org, rest }: { org: Organization; rest: string }) {
  // Coming back from the form, the focus goes to the list, whose heading says where it is.
  const previous = useRef(rest);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (previous.current === '/new' && rest !== '/new') heading.current?.focus();
    previous.current = rest;
  }, [rest]);
  if (rest === '/new') return <AddConnection org={org} />;
  if (rest !== '' && rest !== '/') return <NotFound inTab />;
  return (
    <>
      <section aria-labelledby="connections-heading">
        <div class="conn-head">
          <h2 id="connections-heading" class="conn-focus" ref={heading} tabIndex={-1}>
            Connections
          </h2>
          <a class="conn-button" href={`${BASE}/organizations/${org.id}/connections/new`}>
            Add a connection
          </a>
        </div>
        <ConnectionsLoader orgId={org.id} />
      </section>
      <ConnectLinks org={org} />
    </>
  );
}

function ConnectionsLoader({ orgId }: { orgId: string }) {
  const [loaded, retry] = useLoad(
    () => api<Page<Connection>>('GET', `/v1/organizations/${orgId}/connections?limit=100`),
    orgId,
  );
  return (
    <Show loaded={loaded} what="the connections" retry={retry}>
      {(connections) => <ConnectionList orgId={orgId} first={connections} />}
    </Show>
  );
}
