// The settings `npm run conformance:oidc-provider` runs with (besides OIDC_BASE_URL, the issuer it
// starts): the standards profile, the reviewed baseline, and the browser login driver's settings
// for this target's form. The README shows the same values (selftest/oidc-provider.spec.ts checks).
import { TEST_USER } from './account.ts';

export const OIDC_PROVIDER_SETTINGS = {
  OIDC_PROFILE: 'standards',
  OIDC_BASELINE: 'baselines/oidc-provider.json',
  OIDC_LOGIN_MODE: 'browser',
  OIDC_LOGIN_URL_PATTERN: '/interaction/[^/]+/login$',
  OIDC_LOGIN_USERNAME_SELECTOR: '#username',
  OIDC_LOGIN_USERNAME: TEST_USER.username,
  OIDC_LOGIN_PASSWORD_SELECTOR: '#password',
  OIDC_LOGIN_PASSWORD: TEST_USER.password,
  OIDC_LOGIN_SUBMIT_SELECTOR: '#sign-in',
  OIDC_CONSENT_SUBMIT_SELECTOR: '#approve',
  OIDC_LOGOUT_SUBMIT_SELECTOR: '#sign-out',
} as const;
