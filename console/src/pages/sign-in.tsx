import { useState } from 'preact/hooks';
import { type ApiError, type Session, signIn } from '../api.js';
import { asApiError, Failure } from '../load.js';
import { PageTitle } from '../page-title.js';

/** Username and password, checked by the server; the session arrives as an HttpOnly cookie. */
export function SignIn({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await signIn(String(form.get('username')), String(form.get('password'))));
    } catch (failure) {
      setError(asApiError(failure));
      setBusy(false);
    }
  }

  return (
    <section class="sign-in">
      <PageTitle>Sign in to Keyward</PageTitle>
      <form onSubmit={submit} aria-busy={busy}>
        <label for="username">Username</label>
        <input id="username" name="username" autocomplete="username" required />
        <label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
        {error && <Failure error={error} />}
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </section>
  );
}
