import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { FieldValues, Provider, ProviderField } from './types.js';

/** The API's limit on a field's value (src/connections, FIELD_LIMITS). */
const MAX_VALUE = 1024;

/**
 * A provider's form, built from its catalog entry (`GET /v1/providers/{name}`): its fields in order, each
 * with its title, its description and a link to where the provider explains it, a `https://` prefix or a
 * `.freshdesk.com` suffix beside the input, and the secret ones as password inputs. Used by the console's
 * own form and by the public Connect page. The values stay here across a refusal, so that a typo is
 * fixed rather than everything typed again; `children` (the parent's failure, say) go above the button.
 */
export function ProviderForm({
  provider,
  action,
  onSubmit,
  before,
  children,
}: {
  provider: Provider;
  /** The submit button's label, which says what happens: "Connect SentinelOne". */
  action: string;
  onSubmit: (values: FieldValues) => Promise<void>;
  /** Fields of the parent's own, such as a name, drawn before the provider's. */
  before?: ComponentChildren;
  children?: ComponentChildren;
}) {
  const [values, setValues] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    const split: FieldValues = { config: {}, credentials: {} };
    for (const field of provider.fields) {
      const value = values[field.name] ?? '';
      // An optional field left empty is left out: the API treats "" as a value, which may be refused.
      if (value !== '' || !field.optional) split[field.part][field.name] = value;
    }
    setBusy(true);
    try {
      await onSubmit(split);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="provider-form" onSubmit={submit}>
      {before}
      {provider.fields.map((field) => (
        <Field
          key={field.name}
          provider={provider.name}
          field={field}
          value={values[field.name] ?? ''}
          onInput={(value) => setValues((now) => ({ ...now, [field.name]: value }))}
        />
      ))}
      {provider.fields.length === 0 && <p class="note">{provider.displayName} asks for no fields.</p>}
      {children}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? `Checking with ${provider.displayName}…` : action}
        </button>
      </div>
    </form>
  );
}

function Field({
  provider,
  field,
  value,
  onInput,
}: {
  provider: string;
  field: ProviderField;
  value: string;
  onInput: (value: string) => void;
}) {
  const id = `field-${provider}-${field.name}`;
  const described = [`${id}-hint`, field.prefix && `${id}-prefix`, field.suffix && `${id}-suffix`]
    .filter(Boolean)
    .join(' ');
  const common = {
    id,
    name: field.name,
    required: !field.optional,
    'aria-describedby': described,
    onInput: (event: Event) => onInput((event.currentTarget as HTMLInputElement).value),
  };
  return (
    <div class="conn-field">
      <label for={id}>
        {field.title}
        {field.optional && <span class="muted"> (optional)</span>}
      </label>
      <p class="conn-hint" id={`${id}-hint`}>
        {sentence(field.description)}
        {field.example && (
          <>
            {' '}
            For example: <code>{field.example}</code>.
          </>
        )}
        {field.docs && (
          <>
            {' '}
            <a href={field.docs} target="_blank" rel="noopener noreferrer">
              Where to find it<span class="visually-hidden"> ({field.title})</span>
            </a>
          </>
        )}
      </p>
      <div class="conn-affixed">
        {field.prefix && (
          <span class="conn-affix" id={`${id}-prefix`}>
            {field.prefix}
          </span>
        )}
        {field.enum ? (
          <select {...common} value={value}>
            <option value="">Choose…</option>
            {field.enum.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        ) : (
          <input
            {...common}
            type={inputType(field)}
            value={value}
            maxLength={MAX_VALUE}
            autoComplete="off"
            spellcheck={false}
            autoCapitalize="none"
          />
        )}
        {field.suffix && (
          <span class="conn-affix" id={`${id}-suffix`}>
            {field.suffix}
          </span>
        )}
      </div>
    </div>
  );
}

/** A secret is a password input, whatever its format, so that it is not shown as it is typed. */
function inputType(field: ProviderField): string {
  if (field.secret) return 'password';
  if (field.format === 'email') return 'email';
  if (field.format === 'uri') return 'url';
  return 'text';
}

/** The catalog's descriptions often lack a full stop, and an example follows them. */
function sentence(text: string): string {
  return text === '' || /[.!?]$/.test(text) ? text : `${text}.`;
}
