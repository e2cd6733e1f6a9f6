// The defects of logout.ts and backchannel.ts: RP-initiated, front- and back-channel logout: each names the check that must catch it (its operation is that check's),
// and is switched on by `ctx.has('<id>')` at the place of the behaviour it breaks.
import { defects } from './defect.ts';

export const LOGOUT_DEFECTS = defects({
  'logout.token-without-events': {
    catches: 'LOGOUT-BC-EVENTS',
    description: 'The back-channel logout token has no events claim.',
    suites: ['logout'],
  },
  'logout.token-with-nonce': {
    catches: 'LOGOUT-BC-NONCE',
    description: 'The back-channel logout token carries a nonce claim.',
    suites: ['logout'],
  },
  'logout.token-other-key': {
    catches: 'LOGOUT-BC-SIGNATURE',
    description: 'The back-channel logout token is signed by a key that the JWKS does not publish (with its own kid).',
    suites: ['logout'],
  },
  'logout.token-without-exp': {
    catches: 'LOGOUT-BC-EXP',
    description: 'The back-channel logout token has no exp claim (as real Hydra).',
    suites: ['logout'],
  },
  'logout.token-without-sid': {
    catches: 'LOGOUT-BC-SID',
    description: 'The back-channel logout token has no sid claim (and, as always, no sub).',
    suites: ['logout'],
  },
  'logout.unregistered-post-logout-uri': {
    catches: 'LOGOUT-UNREGISTERED-URI',
    description: "post_logout_redirect_uri is not compared with the client's registered post_logout_redirect_uris: any URI is redirected to.",
    suites: ['logout'],
  },
  'logout.state-dropped': {
    catches: 'LOGOUT-RP-STATE',
    description: 'The post-logout redirect loses the state parameter.',
    suites: ['logout'],
  },
  'logout.frontchannel-without-sid': {
    catches: 'LOGOUT-FC-ISS-SID',
    description: 'Front-channel logout URLs carry iss but no sid.',
    suites: ['logout'],
  },
  'logout.no-backchannel': {
    catches: 'LOGOUT-BC-DELIVERED',
    description: 'No back-channel logout request is sent at all.',
    suites: ['logout'],
  },
  'logout.session-survives': {
    catches: 'LOGOUT-SESSION-ENDED',
    description: 'Completing a logout notifies the clients but keeps the login session (and its cookie): prompt=none still succeeds.',
    suites: ['logout'],
  },
  'logout.foreign-hint-accepted': {
    catches: 'LOGOUT-HINT-FOREIGN-ISSUER',
    description: "An id_token_hint whose iss is another issuer is taken as it is: neither its signature nor its issuer is checked.",
    suites: ['logout'],
  },
});
