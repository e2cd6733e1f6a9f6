// The defects of discovery.ts: the discovery document and the JWKS: each names the check that must catch it (its operation is that check's),
// and is switched on by `ctx.has('<id>')` at the place of the behaviour it breaks.
import { defects } from './defect.ts';

export const DISCOVERY_DEFECTS = defects({
  'discovery.issuer-trailing-slash': {
    catches: 'DISC-ISSUER-EXACT',
    suites: ['discovery'],
    description: "The discovery document's issuer gets a trailing '/' that the real issuer (used in tokens) does not have.",
  },
  'discovery.missing-subject-types': {
    catches: 'DISC-REQUIRED-MEMBERS',
    suites: ['discovery'],
    description: 'subject_types_supported is removed from the discovery document.',
  },
  'discovery.unreachable-jwks-uri': {
    catches: 'DISC-JWKS-FETCH',
    suites: ['discovery'],
    description: 'jwks_uri points at http://127.0.0.1:9/.well-known/jwks.json, where nothing listens.',
  },
  'discovery.private-key-in-jwks': {
    catches: 'DISC-JWKS-PUBLIC-ONLY',
    suites: ['discovery'],
    description: 'The JWKS also publishes the private RSA members (d, p, q, dp, dq, qi).',
  },
  'discovery.no-openid-scope': {
    catches: 'DISC-SCOPES-OPENID',
    suites: ['discovery'],
    description: 'scopes_supported no longer lists openid.',
  },
  'discovery.no-code-response-type': {
    catches: 'DISC-RESPONSE-TYPES-CODE',
    suites: ['discovery'],
    description: 'response_types_supported no longer lists code.',
  },
  'discovery.text-content-type': {
    catches: 'DISC-CONTENT-TYPE-JSON',
    suites: ['discovery'],
    description: 'The discovery document is served as text/plain.',
  },
  'discovery.logout-flags-without-end-session': {
    catches: 'DISC-END-SESSION-CONSISTENT',
    suites: ['discovery'],
    description: 'end_session_endpoint is removed while the four logout *_supported flags stay true.',
  },
  'discovery.no-rs256': {
    catches: 'DISC-JWKS-SIGNING-ALGS',
    suites: ['discovery'],
    description: 'id_token_signing_alg_values_supported says ["ES256"] although the JWKS holds no ES256 key.',
    alsoFails: ['DISC-ID-TOKEN-RS256'],
  },
  'discovery.registration-advertised-but-off': {
    catches: 'DISC-REGISTRATION-CONSISTENT',
    suites: ['discovery', 'registration'],
    description: 'registration_endpoint is advertised but every /oauth2/register route answers 404.',
    // The registration gates fail by construction: discovery advertises what answers 404.
    alsoFails: ['REG-CREATE-ENABLED', 'REG-READ-ENABLED', 'REG-UPDATE-ENABLED', 'REG-DELETE-ENABLED'],
  },
});
