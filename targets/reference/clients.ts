/**
 * The OAuth 2.0 client model (Hydra's client.Client): JSON decoding with Go's semantics, the fields in Hydra's
 * emission order, the per-endpoint views, and the small accessors fosite applies (defaults, public clients, scopes).
 */
import { DurationError, formatGoDuration, parseGoDuration } from './go-duration.ts';
import { GoJsonError, goDecodeStruct, goField, goParse, jsonKind, type FieldDecoder } from './go-json.ts';

/** The client lifespans of Hydra v2.3 (the device_authorization_grant_* ones came later). */
export const LIFESPANS = [
  'authorization_code_grant_access_token_lifespan',
  'authorization_code_grant_id_token_lifespan',
  'authorization_code_grant_refresh_token_lifespan',
  'client_credentials_grant_access_token_lifespan',
  'implicit_grant_access_token_lifespan',
  'implicit_grant_id_token_lifespan',
  'jwt_bearer_grant_access_token_lifespan',
  'refresh_token_grant_id_token_lifespan',
  'refresh_token_grant_access_token_lifespan',
  'refresh_token_grant_refresh_token_lifespan',
] as const;
export type Lifespan = (typeof LIFESPANS)[number];

export interface Client {
  client_id: string;
  client_name: string;
  /** Kept in clear (Hydra stores a hash); never rendered after creation. */
  client_secret: string;
  redirect_uris: string[];
  grant_types: string[];
  response_types: string[];
  scope: string;
  audience: string[];
  owner: string;
  policy_uri: string;
  allowed_cors_origins: string[];
  tos_uri: string;
  client_uri: string;
  logo_uri: string;
  contacts: string[];
  client_secret_expires_at: number;
  subject_type: string;
  sector_identifier_uri: string;
  jwks_uri: string;
  /** undefined is Go's nil (matters to validation); stored clients always have at least {}. */
  jwks?: Record<string, unknown>;
  token_endpoint_auth_method: string;
  token_endpoint_auth_signing_alg: string;
  request_uris: string[];
  request_object_signing_alg: string;
  userinfo_signed_response_alg: string;
  created_at: string;
  updated_at: string;
  frontchannel_logout_uri: string;
  frontchannel_logout_session_required: boolean;
  post_logout_redirect_uris: string[];
  backchannel_logout_uri: string;
  backchannel_logout_session_required: boolean;
  /** undefined is Go's nil; any value (even null) in a dynamic-registration body is refused. */
  metadata?: unknown;
  access_token_strategy: string;
  skip_consent: boolean;
  skip_logout_consent: boolean;
  /** Nanoseconds, only for the lifespans that are set. */
  lifespans: Partial<Record<Lifespan, number>>;
  /** Hash of the current registration access token; '' when none (e.g. never issued). */
  ratHash: string;
}

/** A client decoded from a request body, with what the body contained. */
export interface ClientDraft extends Client {
  present: Set<string>;
  /** application_type as sent (Hydra's Client has no such field): read only by deviation #19's redirect URI rule. */
  applicationType: string;
  /** registration_client_uri as sent: Hydra echoes it (only) in the PUT response. */
  registrationClientUri: string;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

const goTime: FieldDecoder = (v) => {
  if (typeof v !== 'string') throw new GoJsonError('Time.UnmarshalJSON: input is not a JSON string');
  if (!RFC3339.test(v) || Number.isNaN(Date.parse(v))) {
    throw new GoJsonError(
      `parsing time ${JSON.stringify(JSON.stringify(v))} as "2006-01-02T15:04:05Z07:00": cannot parse ${JSON.stringify(v)} as "2006"`,
    );
  }
  return v;
};

const goDuration: FieldDecoder = (v) => {
  if (typeof v !== 'string') throw new GoJsonError(`json: cannot unmarshal ${jsonKind(v)} into Go value of type string`);
  try {
    return parseGoDuration(v);
  } catch (e) {
    throw new GoJsonError((e as DurationError).message);
  }
};

/** go-jose's checks while decoding a JSON Web Key Set. */
const goJwks: FieldDecoder = (v, where) => {
  const set = goField.object(v, where) as Record<string, unknown>;
  const keys = set['keys'];
  if (keys === undefined || keys === null) return set;
  if (!Array.isArray(keys)) {
    throw new GoJsonError(`json: cannot unmarshal ${jsonKind(keys)} into Go struct field JSONWebKeySet.keys of type []jose.JSONWebKey`);
  }
  const required: Readonly<Record<string, readonly string[]>> = { RSA: ['n', 'e'], EC: ['crv', 'x', 'y'], OKP: ['crv', 'x'], oct: ['k'] };
  for (const key of keys) {
    if (typeof key !== 'object' || key === null || Array.isArray(key)) {
      throw new GoJsonError(`json: cannot unmarshal ${jsonKind(key)} into Go value of type jose.rawJSONWebKey`);
    }
    const kty = String((key as Record<string, unknown>)['kty'] ?? '');
    const members = required[kty];
    if (!members) throw new GoJsonError(`go-jose/go-jose: unknown json web key type '${kty}'`);
    if (members.some((m) => typeof (key as Record<string, unknown>)[m] !== 'string')) {
      throw new GoJsonError(`go-jose/go-jose: invalid ${kty} key, missing ${members.join('/')} values`);
    }
  }
  return set;
};

type Emit = 'always' | 'omitempty' | 'special';

/** Every client field in Hydra's JSON emission order (Go struct order), with its decoder. */
const FIELDS: ReadonlyArray<readonly [string, FieldDecoder, Emit]> = [
  ['client_id', goField.string, 'always'],
  ['client_name', goField.string, 'always'],
  ['client_secret', goField.string, 'special'],
  ['redirect_uris', goField.strings, 'always'],
  ['grant_types', goField.strings, 'always'],
  ['response_types', goField.strings, 'always'],
  ['scope', goField.string, 'always'],
  ['audience', goField.strings, 'always'],
  ['owner', goField.string, 'always'],
  ['policy_uri', goField.string, 'always'],
  ['allowed_cors_origins', goField.strings, 'always'],
  ['tos_uri', goField.string, 'always'],
  ['client_uri', goField.string, 'always'],
  ['logo_uri', goField.string, 'always'],
  ['contacts', goField.strings, 'always'],
  ['client_secret_expires_at', goField.int, 'always'],
  ['subject_type', goField.string, 'always'],
  ['sector_identifier_uri', goField.string, 'omitempty'],
  ['jwks_uri', goField.string, 'omitempty'],
  ['jwks', goJwks, 'special'],
  ['token_endpoint_auth_method', goField.string, 'omitempty'],
  ['token_endpoint_auth_signing_alg', goField.string, 'omitempty'],
  ['request_uris', goField.strings, 'omitempty'],
  ['request_object_signing_alg', goField.string, 'omitempty'],
  ['userinfo_signed_response_alg', goField.string, 'omitempty'],
  ['created_at', goTime, 'always'],
  ['updated_at', goTime, 'always'],
  ['frontchannel_logout_uri', goField.string, 'omitempty'],
  ['frontchannel_logout_session_required', goField.bool, 'omitempty'],
  ['post_logout_redirect_uris', goField.strings, 'omitempty'],
  ['backchannel_logout_uri', goField.string, 'omitempty'],
  ['backchannel_logout_session_required', goField.bool, 'omitempty'],
  ['metadata', goField.any, 'special'],
  ['registration_access_token', goField.string, 'special'],
  ['registration_client_uri', goField.string, 'special'],
  ['access_token_strategy', goField.string, 'omitempty'],
  ['skip_consent', goField.bool, 'always'],
  ['skip_logout_consent', goField.bool, 'always'],
  ...LIFESPANS.map((name) => [name, goDuration, 'special'] as const),
];

const DECODERS: Readonly<Record<string, FieldDecoder>> = Object.fromEntries(FIELDS.map(([name, decode]) => [name, decode]));
const LIFESPAN_SET: ReadonlySet<string> = new Set(LIFESPANS);

/** Go's zero value of a client. */
export function emptyClient(): Client {
  return {
    client_id: '',
    client_name: '',
    client_secret: '',
    redirect_uris: [],
    grant_types: [],
    response_types: [],
    scope: '',
    audience: [],
    owner: '',
    policy_uri: '',
    allowed_cors_origins: [],
    tos_uri: '',
    client_uri: '',
    logo_uri: '',
    contacts: [],
    client_secret_expires_at: 0,
    subject_type: '',
    sector_identifier_uri: '',
    jwks_uri: '',
    token_endpoint_auth_method: '',
    token_endpoint_auth_signing_alg: '',
    request_uris: [],
    request_object_signing_alg: '',
    userinfo_signed_response_alg: '',
    created_at: '',
    updated_at: '',
    frontchannel_logout_uri: '',
    frontchannel_logout_session_required: false,
    post_logout_redirect_uris: [],
    backchannel_logout_uri: '',
    backchannel_logout_session_required: false,
    access_token_strategy: '',
    skip_consent: false,
    skip_logout_consent: false,
    lifespans: {},
    ratHash: '',
  };
}

/** json.NewDecoder(r.Body).Decode(&client): throws GoJsonError with Go's text. */
export function decodeClient(body: string, disallowUnknown = false): ClientDraft {
  return draftOf(goParse(body), disallowUnknown);
}

/** A parsed JSON value decoded into a client (json.Unmarshal into a fresh client.Client). */
export function draftOf(parsed: unknown, disallowUnknown = false): ClientDraft {
  const { values, present } = goDecodeStruct(parsed, 'client.Client', DECODERS, disallowUnknown);
  const applicationType = (parsed as { application_type?: unknown } | null)?.application_type;
  const draft: ClientDraft = {
    ...emptyClient(),
    present,
    registrationClientUri: '',
    applicationType: typeof applicationType === 'string' ? applicationType : '',
  };
  const fields = draft as unknown as Record<string, unknown>;
  for (const [name, value] of Object.entries(values)) {
    if (LIFESPAN_SET.has(name)) draft.lifespans[name as Lifespan] = value as number;
    else if (name === 'registration_client_uri') draft.registrationClientUri = value as string;
    else if (name !== 'registration_access_token') fields[name] = value;
  }
  return draft;
}

/**
 * Which response renders the client:
 * - created: POST /oauth2/register and POST /admin/clients (secret unless `none`, metadata, RAT, registration_client_uri)
 * - registration: GET /oauth2/register/{id} (no secret, no metadata, no RAT, no URI)
 * - registration-updated: PUT /oauth2/register/{id} (no secret, metadata {}, new RAT, URI only if it was sent)
 * - admin: admin reads and the `client` inside login/consent/logout requests (no secret)
 */
export type ClientView = 'created' | 'registration' | 'registration-updated' | 'admin';

function isEmpty(value: unknown): boolean {
  return value === '' || value === false || value === 0 || (Array.isArray(value) && value.length === 0);
}

/**
 * Renders a client in Hydra's field order. Deviation (DEVIATIONS.md #5): never a JSON null; unset arrays are [],
 * unset lifespans are omitted and skip_logout_consent is false.
 */
export function renderClient(c: Client, view: ClientView, extra: { rat?: string; uri?: string } = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const fields = c as unknown as Record<string, unknown>;
  for (const [name, , emit] of FIELDS) {
    if (emit === 'special') {
      const value = special(c, name, view, extra);
      if (value !== undefined) out[name] = value;
    } else if (emit === 'always' || !isEmpty(fields[name])) {
      out[name] = fields[name];
    }
  }
  return out;
}

function special(c: Client, name: string, view: ClientView, extra: { rat?: string; uri?: string }): unknown {
  switch (name) {
    case 'client_secret':
      return view === 'created' && !isPublic(c) && c.client_secret ? c.client_secret : undefined;
    case 'jwks':
      return c.jwks ?? {};
    case 'metadata':
      if (view === 'registration') return undefined;
      return view === 'registration-updated' ? {} : (c.metadata ?? {});
    case 'registration_access_token':
      return extra.rat || undefined;
    case 'registration_client_uri':
      return extra.uri || undefined;
    default: {
      const ns = c.lifespans[name as Lifespan];
      return ns === undefined ? undefined : formatGoDuration(ns);
    }
  }
}

export function isPublic(c: Client): boolean {
  return c.token_endpoint_auth_method === 'none';
}

/** OIDC Registration defaults that fosite applies when the lists are empty. */
export function grantTypesOf(c: Client): string[] {
  return c.grant_types.length > 0 ? c.grant_types : ['authorization_code'];
}

export function responseTypesOf(c: Client): string[] {
  return c.response_types.length > 0 ? c.response_types : ['code'];
}

/** fosite's WildcardScopeStrategy (Hydra's default `strategies.scope`): does any of `haystack` grant `needle`? */
export function matchesScope(haystack: readonly string[], needle: string): boolean {
  const needleParts = needle.split('.');
  return haystack.some((matcher) => {
    const parts = matcher.split('.');
    if (parts.length > needleParts.length) return false;
    return parts.every((part, k) => {
      if (k === parts.length - 1 && parts.length !== needleParts.length && part !== '*') return false;
      return (part === '*' && (needleParts[k] ?? '') !== '') || part === needleParts[k];
    });
  });
}

export function allowsScope(c: Client, needle: string): boolean {
  return matchesScope(c.scope.split(' ').filter(Boolean), needle);
}

/** The client's lifespan for a grant/token pair in milliseconds, else the server default. */
export function lifespanOf(c: Client, field: Lifespan | undefined, fallbackMs: number): number {
  const ns = field ? c.lifespans[field] : undefined;
  return ns === undefined ? fallbackMs : ns / 1e6;
}
