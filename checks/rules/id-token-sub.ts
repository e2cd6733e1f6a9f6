// The sub of a sign-in's ID token, as the checks that compare another answer's subject with it need it. Without it
// there is nothing to compare, and the finding is another check's: no id_token from the harness's own code exchange is
// the token response's (TOKEN-RESPONSE-SCHEMA), an ID token without a string sub is the ID token's (TOKEN-ID-CLAIMS).
import type { JWTPayload } from 'jose';
import { blocked, notApplicable } from './verdict.ts';

export function idTokenSubOf(signedIn: { idToken?: string; idTokenClaims?: JWTPayload; fresh: boolean }): string {
  if (!signedIn.idToken) {
    if (!signedIn.fresh) notApplicable('OIDC_LOGIN_MODE=tokens without OIDC_ID_TOKEN: no ID token sub to compare with');
    blocked('the code exchange answered no id_token whose sub to compare with', 'TOKEN-RESPONSE-SCHEMA');
  }
  const sub = signedIn.idTokenClaims?.sub;
  if (typeof sub !== 'string' || sub === '') blocked('the ID token has no sub to compare with', 'TOKEN-ID-CLAIMS');
  return sub;
}
