// The defects of client-auth.ts: client authentication at the token endpoint: each names the check that must catch it (its operation is that check's),
// and is switched on by `ctx.has('<id>')` at the place of the behaviour it breaks.
import { defects } from './defect.ts';

export const CLIENT_AUTH_DEFECTS = defects({
  'token.basic-refused': {
    catches: 'TOKEN-AUTH-BASIC-WORKS',
    description: 'client_secret_basic clients are refused (invalid_client) with their own method.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'token.post-refused': {
    catches: 'TOKEN-AUTH-POST-WORKS',
    description: 'client_secret_post clients are refused (invalid_client) with their own method.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'token.basic-client-accepts-post': {
    catches: 'TOKEN-AUTH-BASIC-REFUSES-POST',
    description: 'A client_secret_basic client may send its secret in the form body.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'token.post-client-accepts-basic': {
    catches: 'TOKEN-AUTH-POST-REFUSES-BASIC',
    description: 'A client_secret_post client may send its secret in HTTP Basic.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'token.none-accepts-secret': {
    catches: 'TOKEN-AUTH-NONE-SECRET',
    description: 'A public client presenting a secret is not refused at client authentication.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'token.none-client-credentials': {
    catches: 'TOKEN-AUTH-NONE-CLIENT-CREDENTIALS',
    description: 'A public client gets a token from the client_credentials grant.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'token.wrong-secret-accepted': {
    catches: 'TOKEN-AUTH-WRONG-SECRET',
    description: 'Only a prefix of the presented secret is compared, so the secret followed by anything is accepted.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'token.no-basic-challenge': {
    catches: 'TOKEN-AUTH-WWW-AUTHENTICATE',
    description: 'A failed HTTP Basic client authentication gets 401 without WWW-Authenticate (as real Hydra).',
    suites: ['registration', 'token-endpoint-auth'],
  },
});
