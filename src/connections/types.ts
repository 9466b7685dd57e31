/**
 * The provider catalog's types: what an entry of providers.yaml (Nango's or Keyward's) becomes once
 * Keyward has checked that it can honour it (compile-provider.ts).
 */

export type AuthMode = 'API_KEY' | 'BASIC';

/** `config` holds a connection's plain fields (Nango's `connection_config`), `credentials` its secret ones. */
export type FieldPart = 'config' | 'credentials';

/** Nango's formats, and `path` (Keyward's own): an absolute path, with a query if need be, such as `/api/me`. */
export type FieldFormat = 'hostname' | 'uri' | 'email' | 'uuid' | 'path';

/**
 * Where the base URL puts a config field, which decides what its value may hold:
 * `origin` begins the URL (`${connectionConfig.baseUrl}/api`), so it is a whole https URL;
 * `host` is the whole authority (`https://${connectionConfig.hostname}`): host or host:port;
 * `host-path` is all that follows `https://`, a host and a path (`dev.azure.com/myorg`);
 * `host-label` is part of one (`https://${connectionConfig.subdomain}.freshdesk.com`): letters, digits,
 * dots and hyphens only; `header-name` names a header (Keyward's generic-header).
 */
export type FieldRole = 'origin' | 'host' | 'host-path' | 'host-label' | 'header-name';

export interface FieldSpec {
  readonly name: string;
  readonly part: FieldPart;
  readonly title: string;
  readonly description: string;
  readonly format?: FieldFormat;
  readonly role?: FieldRole;
  readonly prefix?: string;
  readonly suffix?: string;
  readonly example?: string;
  readonly pattern?: RegExp;
  readonly enum?: readonly string[];
  /** Nango's `optional`, unless the base URL or the verification cannot do without the field. */
  readonly optional: boolean;
  /** Nango's `hidden` and `automated` fields: not shown in forms, never required. */
  readonly hidden: boolean;
  /** Used when the field is left out (Nango's `default_value`: BASIC providers' unused password, say). */
  readonly defaultValue?: string;
  readonly docSection?: string;
  readonly order?: number;
}

/** One piece of a template: literal text, a field's value, or `${base64(…)}` of a nested template. */
export type TemplatePart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'field'; readonly part: FieldPart; readonly name: string }
  | { readonly kind: 'base64'; readonly parts: readonly TemplatePart[] };

/**
 * A template such as `Bearer ${apiKey}`, or `${connectionConfig.version} || 2022-11-28`: the first
 * alternative whose fields all have a value is used.
 */
export interface Template {
  readonly alternatives: readonly (readonly TemplatePart[])[];
}

/** One alternative of a base URL, split where what may go in it changes. */
export type BaseUrl =
  | {
      readonly kind: 'https';
      readonly authority: readonly TemplatePart[];
      readonly path: readonly TemplatePart[];
    }
  | { readonly kind: 'origin'; readonly field: string; readonly path: readonly TemplatePart[] };

export interface HeaderTemplate {
  /** A literal lower-case name, or a config field's value (Keyward's generic-header). */
  readonly name: string | { readonly field: string };
  readonly value: Template;
}

export interface QueryTemplate {
  readonly name: string;
  readonly value: Template;
}

export interface Verification {
  readonly method: string;
  /** `base_url_override`: verification is sent there instead of the provider's base URL. */
  readonly baseUrl?: readonly BaseUrl[];
  /** A path, with a query if need be; its field values are percent-encoded, except `path` fields. */
  readonly endpoint: readonly TemplatePart[];
  /** The provider's headers, then these over them. */
  readonly headers: readonly HeaderTemplate[];
  /** The JSON body (Nango's `verification.data`), already serialized. */
  readonly body?: string;
}

export interface Provider {
  readonly name: string;
  readonly displayName: string;
  readonly authMode: AuthMode;
  readonly categories: readonly string[];
  readonly docs?: string;
  readonly docsConnect?: string;
  /** Whose catalog the entry comes from. */
  readonly source: 'nango' | 'keyward';
  /** In the order the entry declares them, config first. */
  readonly fields: readonly FieldSpec[];
  readonly baseUrl: readonly BaseUrl[];
  readonly headers: readonly HeaderTemplate[];
  readonly query: readonly QueryTemplate[];
  /** BASIC without an explicit `authorization` header: `Authorization: Basic base64(username:password)`. */
  readonly basicAuth: boolean;
  readonly verification: Verification | null;
  /** A credential goes into the URL (its path or query): whoever logs the URL must leave it out. */
  readonly secretInUrl: boolean;
}

export interface Refusal {
  readonly name: string;
  readonly reason: string;
}

/** A connection's values, as the API receives them: `{ hostname: '…' }` and `{ apiKey: '…' }`. */
export interface ConnectionValues {
  readonly config: Readonly<Record<string, unknown>>;
  readonly credentials: Readonly<Record<string, unknown>>;
}
