// The claims each scope value of OpenID Connect Core 1.0 §5.4 requests, a sample of each (with the types of §5.1),
// and the rule that claims a token was granted come back with their values.
import { isDeepStrictEqual } from 'node:util';
import { must } from './verdict.ts';

export const CLAIM_SCOPES = ['profile', 'email', 'address', 'phone'] as const;
export type ClaimScope = (typeof CLAIM_SCOPES)[number];

/** Core §5.4: the claims a scope value requests. */
export const SCOPE_CLAIMS: Readonly<Record<ClaimScope, readonly string[]>> = {
  profile:
    'name family_name given_name middle_name nickname preferred_username profile picture website gender birthdate zoneinfo locale updated_at'.split(
      ' ',
    ),
  email: ['email', 'email_verified'],
  address: ['address'],
  phone: ['phone_number', 'phone_number_verified'],
};

/** Values a consent app may grant for each scope (Core §5.1 types), so that what comes back can be compared. */
export const SAMPLE_SCOPE_CLAIMS: Readonly<Record<ClaimScope, Readonly<Record<string, unknown>>>> = {
  profile: {
    name: 'Ada Harness',
    family_name: 'Harness',
    given_name: 'Ada',
    middle_name: 'Conformance',
    nickname: 'ada',
    preferred_username: 'oidc-harness-user',
    profile: 'https://profile.example.com/oidc-harness-user',
    picture: 'https://profile.example.com/oidc-harness-user.png',
    website: 'https://www.example.com',
    gender: 'female',
    birthdate: '1970-01-01',
    zoneinfo: 'Europe/Paris',
    locale: 'en-US',
    updated_at: 1_700_000_000,
  },
  email: { email: 'oidc-harness-user@example.com', email_verified: true },
  address: {
    address: {
      formatted: '1 Example Street\n12345 Example City\nExample Country',
      street_address: '1 Example Street',
      locality: 'Example City',
      postal_code: '12345',
      country: 'Example Country',
    },
  },
  phone: { phone_number: '+1 555 0100', phone_number_verified: false },
};

/** Every expected claim is present with its value; the finding names each claim that is missing or differs. */
export function mustReturnClaims(body: Record<string, unknown>, expected: Record<string, unknown>, where: string): void {
  const off = Object.entries(expected)
    // Deep equality: a provider may order an object's members its own way (Go sorts map keys).
    .filter(([k, v]) => v !== undefined && !isDeepStrictEqual(body[k], v))
    .map(([k, v]) => ({ k, v, missing: body[k] === undefined }));
  must(
    off.length === 0,
    `${where}: ${off.map(({ k, v, missing }) => `${k}: expected ${JSON.stringify(v)}, got ${missing ? 'nothing' : JSON.stringify(body[k])}`).join('; ')}`,
    {
      finding: `claims:${off
        .map(({ k, missing }) => `${missing ? 'missing' : 'differs'}:${k}`)
        .sort()
        .join(',')}`,
      expected: Object.fromEntries(off.map(({ k, v }) => [k, v])),
      actual: Object.fromEntries(off.map(({ k }) => [k, body[k] ?? null])),
    },
  );
}
