import { useEffect, useState } from 'preact/hooks';
import { ApiError, currentSession, type Session, setCsrfToken, signOut, whenSignedOut } from './api.js';
import { asApiError, Failure } from './load.js';
import { Audit } from './pages/audit.js';
import { Connect } from './pages/connect.js';
import { NotFound } from './pages/not-found.js';
import { OrganizationRoute } from './pages/organization.js';
import { Organizations } from './pages/organizations.js';
import { SignIn } from './pages/sign-in.js';
import { Users } from './pages/users.js';
import { BASE, navigate, onLinkClick, usePath } from './router.js';

type SessionState = { state: 'checking' } | { state: 'out' } | { state: 'in'; session: Session };

/**
 * The console. The Connect page (`/connect#kwc_…`) is for someone without an account, who holds only a
 * connect link: it stands alone, and never asks who is signed in.
 */
export function App() {
  const path = usePath();
  if (path === '/connect') {
    return (
      <main id="main">
        <Connect />
      </main>
    );
  }
  return <Console path={path} />;
}

/** The console for a user: who is signed in, the frame around every page, and which page the path names. */
function Console({ path }: { path: string }) {
  const [session, setSession] = useState<SessionState>({ state: 'checking' });
  const [failure, setFailure] = useState<ApiError | null>(null);

  function enter(next: Session | null) {
    setCsrfToken(next?.csrfToken ?? null);
    setSession(next ? { state: 'in', session: next } : { state: 'out' });
  }

  useEffect(() => {
    whenSignedOut(() => enter(null));
    currentSession().then(enter, (error: unknown) => {
      if (error instanceof ApiError && error.status === 401) enter(null);
      else setFailure(asApiError(error));
    });
  }, []);

  async function leave() {
    try {
      await signOut();
    } finally {
      enter(null);
      navigate('/sign-in');
    }
  }

  if (failure) return <Failure error={failure} retry={() => location.reload()} />;
  if (session.state === 'checking') return <p class="boot">Loading Keyward…</p>;
  if (session.state === 'out') {
    return (
      <main id="main">
        <SignIn
          onSignedIn={(next) => {
            enter(next);
            if (path === '/sign-in') navigate('/', true);
          }}
        />
      </main>
    );
  }
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: clicks on links inside are routed, not handled here.
    // biome-ignore lint/a11y/useKeyWithClickEvents: links are activated by the keyboard as clicks.
    <div class="shell" onClick={onLinkClick}>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <a class="brand" href={`${BASE}/`}>
          Keyward
        </a>
        <nav aria-label="Main">
          <a
            href={`${BASE}/`}
            aria-current={path === '/' || path.startsWith('/organizations') ? 'page' : undefined}
          >
            Organizations
          </a>
          {session.session.user.clusterAdmin && (
            <>
              <a href={`${BASE}/users`} aria-current={path === '/users' ? 'page' : undefined}>
                Users
              </a>
              <a href={`${BASE}/audit`} aria-current={path === '/audit' ? 'page' : undefined}>
                Audit log
              </a>
            </>
          )}
        </nav>
        <div class="who">
          <span>
            {session.session.user.username}
            {session.session.user.clusterAdmin && <span class="muted"> (cluster admin)</span>}
          </span>
          <button type="button" onClick={leave}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main">
        <Route path={path} />
      </main>
    </div>
  );
}

const ORG = /^\/organizations\/(org_[0-9A-Za-z]{22})(\/.*)?$/;

function Route({ path }: { path: string }) {
  if (path === '/' || path === '/sign-in') return <Organizations />;
  if (path === '/users') return <Users />;
  if (path === '/audit') return <Audit />;
  const org = ORG.exec(path);
  if (org?.[1]) return <OrganizationRoute key={org[1]} orgId={org[1]} rest={org[2] ?? ''} />;
  return <NotFound />;
}
