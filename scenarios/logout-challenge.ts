// What LOGOUT-ORY-CHALLENGE judges of the logout UI's step (scenarios/logout-browser.ts records it): the admin API
// describes the RP-initiated logout request of the session the hint named, and accepting it leads to the verifier.
import type { JWTPayload } from 'jose';
import { blocked, must, mustHaveStatus } from '../checks/rules/verdict.ts';
import type { LogoutUiStep } from './logout-browser.ts';

/**
 * The logout request names the session the id_token_hint named: its sid and subject are the ID token's. Both must be
 * there to compare: an ID token without them is the finding of the token checks, and a comparison of two absent
 * values proves nothing.
 */
export function mustNameSession(lr: Record<string, unknown>, claims: JWTPayload | undefined): void {
  if (typeof claims?.sid !== 'string' || claims.sid === '')
    blocked("the ID token has no sid to compare the logout request's with", 'TOKEN-ID-SID');
  if (typeof claims.sub !== 'string' || claims.sub === '')
    blocked("the ID token has no sub to compare the logout request's subject with", 'TOKEN-ID-CLAIMS');
  for (const [member, expected] of [
    ['sid', claims.sid],
    ['subject', claims.sub],
  ] as const) {
    const got = lr[member];
    must(
      got === expected,
      `${member} of the logout request is ${JSON.stringify(got ?? null)}, not the ID token's ${JSON.stringify(expected)}`,
      {
        finding: `${got === undefined || got === '' ? 'missing' : 'mismatch'}:${member}`,
        expected,
        actual: got ?? null,
      },
    );
  }
}

/** The whole handover: the request read through the admin API (rp_initiated, the session), accepted with a redirect to the verifier. */
export function mustDescribeLogout(
  step: LogoutUiStep | undefined,
  claims: JWTPayload | undefined,
  endSession: string,
  endedAt: string,
): void {
  must(
    step,
    `the provider never sent the browser to its logout UI with a logout_challenge (a remembered login exists); it ended at ${endedAt}`,
    {
      finding: 'no-challenge',
      expected: 'a redirect to the logout UI with logout_challenge',
      actual: endedAt,
    },
  );
  mustHaveStatus(step.request, 200, 'GET /admin/oauth2/auth/requests/logout');
  const lr = (step.request.json ?? {}) as Record<string, unknown>;
  must(lr.rp_initiated === true, `rp_initiated of the logout request is ${JSON.stringify(lr.rp_initiated ?? null)}, not true`, {
    finding: `rp-initiated:${String(lr.rp_initiated ?? 'missing')}`,
    expected: true,
    actual: lr.rp_initiated ?? null,
  });
  mustNameSession(lr, claims);
  mustHaveStatus(step.accept!, 200, 'PUT /admin/oauth2/auth/requests/logout/accept');
  const next = new URL(String(step.accept!.json?.redirect_to ?? ''), 'invalid:/');
  const endpoint = new URL(endSession);
  must(
    next.origin === endpoint.origin && next.pathname === endpoint.pathname && next.searchParams.has('logout_verifier'),
    `redirect_to is not ${endpoint.origin}${endpoint.pathname}?logout_verifier=…`,
    { finding: 'redirect-to-not-verifier', expected: `${endpoint.origin}${endpoint.pathname}?logout_verifier=…`, actual: next.pathname },
  );
}
