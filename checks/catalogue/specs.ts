// Where the clauses live. A check's url is one of these plus its anchor.
export const SPEC = {
  discovery: 'https://openid.net/specs/openid-connect-discovery-1_0.html',
  core: 'https://openid.net/specs/openid-connect-core-1_0.html',
  dynreg: 'https://openid.net/specs/openid-connect-registration-1_0.html',
  rpLogout: 'https://openid.net/specs/openid-connect-rpinitiated-1_0.html',
  fcLogout: 'https://openid.net/specs/openid-connect-frontchannel-1_0.html',
  bcLogout: 'https://openid.net/specs/openid-connect-backchannel-1_0.html',
  vci: 'https://openid.net/specs/openid-4-verifiable-credential-issuance-1_0-ID1.html',
  rfc: (n: number, section?: string) => `https://www.rfc-editor.org/rfc/rfc${n}${section ? `#section-${section}` : ''}`,
  ory: (operation: string) => `https://www.ory.sh/docs/reference/api#tag/oidc/operation/${operation}`,
} as const;

/** RFC 6750 §3's syntax of a Bearer challenge, judged on the refusals of userinfo, /credentials and registration management. */
export const CHALLENGE_SYNTAX = {
  clause:
    'RFC 6750 §3 (the Bearer scheme MUST be followed by one or more auth-param values; realm, scope, error, error_description and error_uri MUST NOT appear more than once; their values MUST NOT use characters outside the sets given); RFC 7235 §4.1',
  url: SPEC.rfc(6750, '3'),
};
export const CHALLENGE_SYNTAX_RULE =
  'it parses as RFC 7235 challenges, has at least one auth-param where a token was refused (the error), names none of realm, scope, error, error_description and error_uri twice, and their values keep to the characters §3 allows';
