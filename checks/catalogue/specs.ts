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
