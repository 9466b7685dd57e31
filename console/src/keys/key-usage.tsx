import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { type ApiKey, api, type Organization } from '../api.js';
import { CopyButton } from '../copy-button.js';
import { Show, useLoad } from '../load.js';
import { BASE } from '../router.js';

/** What stands for the key in examples once Keyward no longer knows it. */
const PLACEHOLDER = '$KEYWARD_KEY';

/** The three ways Keyward reads a key from a request (src/http/authenticate.ts), each with an example's label. */
const HEADERS = [
  { header: 'Authorization: Key', what: 'the Authorization: Key example' },
  { header: 'x-api-key:', what: 'the x-api-key example' },
  { header: 'Authorization: Bearer', what: 'the Authorization: Bearer example' },
] as const;

/**
 * How to call this server with a key, and how another service checks one. `secret` is the key itself
 * while it is known (right after it is made); otherwise the examples use `$KEYWARD_KEY` and name the
 * key's hint, so that the reader can tell which key to put there.
 */
export function KeyExamples({ secret, hint }: { secret: string | null; hint: string | null }) {
  const key = secret ?? PLACEHOLDER;
  const origin = location.origin;
  const verify = [
    `curl -s -X POST ${origin}/v1/keys/verify \\`,
    '  -H "Authorization: Key $VERIFIER_KEY" \\',
    `  -H 'content-type: application/json' \\`,
    `  -d "{\\"key\\":\\"${key}\\"}"`,
  ].join('\n');
  return (
    <div class="key-examples">
      {secret === null && (
        <p>
          Below, <code>{PLACEHOLDER}</code> stands for the key
          {hint && (
            <>
              {' '}
              (<code>{hint}</code>)
            </>
          )}
          . Keyward showed it once, when it was made, and cannot show it again.
        </p>
      )}
      <h3>Call the API with the key</h3>
      <p>
        Send the key in any one of these headers. <code>GET /v1/me</code> answers who the key acts as.
      </p>
      {HEADERS.map(({ header, what }) => (
        <Example key={header} text={`curl -s ${origin}/v1/me -H "${header} ${key}"`} what={what} />
      ))}
      <h3>Verify the key from another service</h3>
      <p>
        A service that accepts Keyward keys from its own clients asks <code>POST /v1/keys/verify</code>, with
        its own credential holding <code>keys:verify</code> (here <code>$VERIFIER_KEY</code>, a key of this
        organization). The answer is always <code>200</code>: <code>valid</code> is true only when{' '}
        <code>code</code> is <code>VALID</code>; otherwise <code>code</code> says why (<code>EXPIRED</code>,{' '}
        <code>REVOKED</code>, <code>DISABLED</code>, …). Add <code>"permissions"</code> to the body to check
        that the key holds them.
      </p>
      <Example text={verify} what="the verify example" />
    </div>
  );
}

function Example({ text, what }: { text: string; what: string }) {
  const code = useRef<HTMLPreElement>(null);
  return (
    <div class="example">
      <pre ref={code}>
        <code>{text}</code>
      </pre>
      <CopyButton text={text} what={what} source={code} />
    </div>
  );
}

/** The page `/keys/key_…/use`: the examples for one key, with its secret as a placeholder. */
export function KeyUsagePage({ org, keyId }: { org: Organization; keyId: string }) {
  const [loaded, retry] = useLoad(() => api<ApiKey>('GET', `/v1/apikeys/${keyId}`), keyId);
  return (
    <section class="key-usage" aria-labelledby="key-usage-title">
      <p>
        <a href={`${BASE}/organizations/${org.id}/keys`}>Back to the keys</a>
      </p>
      <Show loaded={loaded} what="the key" retry={retry}>
        {(key) => (
          <>
            <Heading>How to use {key.name}</Heading>
            <KeyExamples secret={null} hint={key.hint} />
          </>
        )}
      </Show>
    </section>
  );
}

/** The page's heading, which takes the focus once the key is loaded: the tab's title stays as it was. */
function Heading({ children }: { children: ComponentChildren }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <h2 id="key-usage-title" ref={heading} tabIndex={-1}>
      {children}
    </h2>
  );
}
