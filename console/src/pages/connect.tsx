import { useEffect, useState } from 'preact/hooks';
import type { ApiError } from '../api.js';
import { connectOffer, connectThroughLink, linkIsDead } from '../connections/connect-client.js';
import { ProviderForm } from '../connections/provider-form.js';
import { Refusal } from '../connections/refusal.js';
import type { ConnectOffer, FieldValues, Provider } from '../connections/types.js';
import { asApiError, Failure, Loading, useLoad } from '../load.js';
import { PageTitle } from '../page-title.js';

const TOKEN = /^kwc_[0-9A-Za-z]{43}$/;

/**
 * The public Connect page, `/console/connect#kwc_…`, for someone with a connect link and no account. The
 * token comes in the fragment (which browsers never send to a server) and is taken off the address bar
 * at once, so that it stays in neither the history nor a copied address: from then on it lives in this
 * page's memory only. The page offers the link's providers, sends the form with the token, and ends on a
 * success screen, or on a plain "expired" page for a link that cannot be used.
 */
export function Connect() {
  const [token] = useState(() => location.hash.slice(1));
  useEffect(() => {
    if (location.hash) history.replaceState(history.state, '', location.pathname + location.search);
  }, []);
  const [connected, setConnected] = useState<string | null>(null);
  const [ended, setEnded] = useState(!TOKEN.test(token));
  const [loaded, retry] = useLoad(
    () => (ended ? Promise.resolve(null) : connectOffer(token)),
    ended ? 'ended' : 'open',
  );

  if (connected !== null) {
    return (
      <section class="connect-page">
        <PageTitle key="connected">{connected} is connected</PageTitle>
        <p>{connected} is connected. You can close this page.</p>
      </section>
    );
  }
  if (ended || (loaded.state === 'failed' && linkIsDead(loaded.error))) return <Ended />;
  if (loaded.state === 'loading') return <Loading what="the form" />;
  if (loaded.state === 'failed') return <Failure error={loaded.error} retry={retry} />;
  if (loaded.value === null) return <Ended />;
  return (
    <Offer
      offer={loaded.value}
      connect={async (provider, values) => {
        await connectThroughLink(token, provider.name, values);
        setConnected(provider.displayName);
      }}
      onEnded={() => setEnded(true)}
    />
  );
}

function Ended() {
  return (
    <section class="connect-page">
      <PageTitle key="ended">This link has expired or was already used</PageTitle>
      <p>A connect link works once, for a short time. Ask whoever sent it to you for a new one.</p>
    </section>
  );
}

/** The link's providers: the form of the one it names, or a choice first when it names several. */
function Offer({
  offer,
  connect,
  onEnded,
}: {
  offer: ConnectOffer;
  connect: (provider: Provider, values: FieldValues) => Promise<void>;
  onEnded: () => void;
}) {
  const only = offer.providers.length === 1 ? offer.providers[0] : undefined;
  const [chosen, setChosen] = useState<Provider | undefined>(only);
  const [error, setError] = useState<ApiError | null>(null);
  const org = offer.organization.name;

  if (offer.providers.length === 0) return <Ended />;
  if (!chosen) {
    return (
      <section class="connect-page">
        <PageTitle key="choose">Connect a service to {org}</PageTitle>
        <p>Choose the service whose account you are connecting.</p>
        <ul class="provider-choices">
          {offer.providers.map((provider) => (
            <li key={provider.name}>
              <button type="button" onClick={() => setChosen(provider)}>
                {provider.displayName}
              </button>
            </li>
          ))}
        </ul>
      </section>
    );
  }

  async function submit(values: FieldValues) {
    if (!chosen) return;
    setError(null);
    try {
      await connect(chosen, values);
    } catch (failure) {
      const apiError = asApiError(failure);
      if (linkIsDead(apiError)) onEnded();
      else setError(apiError);
    }
  }

  return (
    <section class="connect-page">
      <PageTitle key={chosen.name}>Connect {chosen.displayName}</PageTitle>
      <p>
        {org} asks you to connect your {chosen.displayName} account. {chosen.displayName} checks what you
        enter before Keyward keeps it; the secret is stored encrypted and never shown again.
      </p>
      {!only && (
        <p>
          <button
            type="button"
            onClick={() => {
              setChosen(undefined);
              setError(null);
            }}
          >
            Choose another service
          </button>
        </p>
      )}
      <ProviderForm provider={chosen} action={`Connect ${chosen.displayName}`} onSubmit={submit}>
        {error && <Refusal error={error} displayName={chosen.displayName} />}
      </ProviderForm>
    </section>
  );
}
