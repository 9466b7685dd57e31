import { api, type Organization } from '../api.js';
import { Show, useLoad } from '../load.js';
import { PageTitle } from '../page-title.js';
import { BASE } from '../router.js';
import { Audit } from './audit.js';
import { Connections } from './connections.js';
import { Members } from './members.js';
import { NotFound } from './not-found.js';
import { OrganizationKeys } from './organization-keys.js';
import { ServiceUsers } from './service-users.js';

/**
 * An organization's tabs: the path after `/organizations/org_…` that opens each, its title, and whether
 * it has pages under it (`/keys/new`), which it tells apart itself.
 */
const TABS = [
  { rest: '/keys', title: 'API keys', pages: true },
  { rest: '/members', title: 'Members', pages: false },
  { rest: '/service-users', title: 'Service users', pages: false },
  { rest: '/connections', title: 'Connections', pages: true },
  { rest: '/audit', title: 'Audit log', pages: false },
] as const;

type Tab = (typeof TABS)[number];

/** The tab a path opens: its own path, or one under it (`/connections/con_…` is the connections tab). */
function tabOf(rest: string): Tab | undefined {
  return TABS.find((tab) => rest === tab.rest || (tab.pages && rest.startsWith(`${tab.rest}/`)));
}

/**
 * One organization: its name, its tabs, and the tab the path names. `rest` is the path after the
 * organization's own (`''`, `/members`, `/connections/con_…`). The organization is loaded once here, so
 * that a missing one, or one the user may not see, says so once.
 */
export function OrganizationRoute({ orgId, rest: path }: { orgId: string; rest: string }) {
  const [loaded, retry] = useLoad(() => api<Organization>('GET', `/v1/organizations/${orgId}`), orgId);
  // The organization's own path opens its keys.
  const rest = path === '' || path === '/' ? '/keys' : path;
  const tab = tabOf(rest);
  if (!tab) return <NotFound />;
  const base = `${BASE}/organizations/${orgId}`;
  return (
    <>
      <nav aria-label="Breadcrumb" class="crumbs">
        <a href={`${BASE}/`}>Organizations</a>
      </nav>
      <Show loaded={loaded} what="the organization" retry={retry}>
        {(org) => (
          <>
            <PageTitle key={`${orgId}${rest}`}>
              {org.name}: {tab.title}
            </PageTitle>
            <nav aria-label="Organization" class="tabs">
              {TABS.map((each) => (
                <a
                  key={each.rest}
                  href={`${base}${each.rest}`}
                  aria-current={each === tab ? 'page' : undefined}
                >
                  {each.title}
                </a>
              ))}
            </nav>
            <TabBody tab={tab} org={org} rest={rest.slice(tab.rest.length)} />
          </>
        )}
      </Show>
    </>
  );
}

function TabBody({ tab, org, rest }: { tab: Tab; org: Organization; rest: string }) {
  switch (tab.rest) {
    case '/keys':
      return <OrganizationKeys org={org} rest={rest} />;
    case '/members':
      return <Members org={org} />;
    case '/service-users':
      return <ServiceUsers org={org} />;
    case '/connections':
      return <Connections org={org} rest={rest} />;
    case '/audit':
      return <Audit orgId={org.id} />;
  }
}
