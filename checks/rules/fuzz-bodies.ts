// Generated registration bodies (REG-FUZZ-*): valid ones from schemas/registration-request.schema.json
// by json-schema-faker, invalid ones by one targeted mutation of a valid one. Case i depends only on
// (seed, i), so a failure replays with the same OIDC_SEED whatever the order or the case count.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from 'json-schema-faker';
import { UNKNOWN_MEMBER_PREFIX } from './client-metadata.ts';

export interface FuzzCase {
  /** e.g. "valid #3" or "invalid #3 (fragment in a redirect URI)". */
  name: string;
  valid: boolean;
  body: Record<string, unknown>;
}

const REQUEST_SCHEMA = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', '..', 'schemas', 'registration-request.schema.json'), 'utf8'),
);

type Body = Record<string, unknown>;
const first = (b: Body) => (b.redirect_uris as string[])[0]!;

/** Each mutation makes a valid body invalid in one way that Hydra (and the standards, where noted) refuse. */
const MUTATIONS: ReadonlyArray<readonly [string, (b: Body) => Body]> = [
  ['redirect_uris is a string, not an array', (b) => ({ ...b, redirect_uris: first(b) })],
  ['fragment in a redirect URI', (b) => ({ ...b, redirect_uris: [`${first(b)}#frag`] })],
  ['relative redirect URI', (b) => ({ ...b, redirect_uris: ['cb/relative'] })],
  ['unknown userinfo_signed_response_alg', (b) => ({ ...b, userinfo_signed_response_alg: 'XS999' })],
  ['jwks together with jwks_uri', (b) => ({ ...b, jwks: { keys: [] }, jwks_uri: 'https://keys.example.com/both/jwks.json' })],
  ['post_logout_redirect_uri on a foreign origin', (b) => ({ ...b, post_logout_redirect_uris: ['https://elsewhere.invalid/bye'] })],
  ['client_name is a number', (b) => ({ ...b, client_name: 42 })],
  ['grant_types is an object', (b) => ({ ...b, grant_types: { authorization_code: true } })],
  ['skip_consent is a string', (b) => ({ ...b, skip_consent: 'yes' })],
  ['unsupported subject_type', (b) => ({ ...b, subject_type: 'no-such-subject-type' })],
];

export async function validCase(seed: number, i: number): Promise<Body> {
  // A per-case seed keeps case i the same whatever else is generated.
  const body = (await generate(REQUEST_SCHEMA, { seed: seed + i })) as Body;
  // What a schema cannot say: a web client using the implicit grant registers https redirect URIs only (Registration 1.0 §2)…
  if ((body.grant_types as string[] | undefined)?.includes('implicit')) {
    const https = (body.redirect_uris as string[]).filter((u) => u.startsWith('https:'));
    body.redirect_uris = https.length ? https : ['https://rp.example.com/cb'];
  }
  // …and Front-Channel Logout §2 puts the front-channel URI on the origin of a redirect URI.
  if (typeof body.frontchannel_logout_uri === 'string') body.frontchannel_logout_uri = `${new URL(first(body)).origin}/frontchannel-logout`;
  // RFC 7591 §3.1: a member the server does not know is ignored, so every valid body carries one.
  body[`${UNKNOWN_MEMBER_PREFIX}case`] = { case: i };
  return body;
}

export async function fuzzCases(seed: number, count: number): Promise<FuzzCase[]> {
  const out: FuzzCase[] = [];
  for (let i = 0; i < count; i++) {
    const body = await validCase(seed, i);
    out.push({ name: `valid #${i}`, valid: true, body });
    const [what, mutate] = MUTATIONS[(seed + i) % MUTATIONS.length]!;
    out.push({ name: `invalid #${i} (${what})`, valid: false, body: mutate(body) });
  }
  return out;
}
