// What Ory's contract promises a provider offers. In the `ory` profile none of the eight operations of OidcApi can
// be declared away: a check whose feature a provider declares it does not offer is blocked by the check that judges
// the declaration (and fails there), instead of being excused. In the `standards` profile they are optional features.
export const ORY_CONTRACT_DECLARATIONS: Readonly<Record<string, string>> = {
  'discovery registration_endpoint': 'DISC-ORY-OPERATIONS',
  'discovery userinfo_endpoint': 'DISC-ORY-OPERATIONS',
  'discovery end_session_endpoint': 'DISC-ORY-OPERATIONS',
  'discovery frontchannel_logout_supported': 'DISC-ORY-OPERATIONS',
  'discovery backchannel_logout_supported': 'DISC-ORY-OPERATIONS',
  'discovery credentials_endpoint_draft_00': 'DISC-ORY-CREDENTIALS',
  'discovery credentials_supported_draft_00': 'DISC-ORY-CREDENTIALS',
  'discovery grant_types_supported: client_credentials': 'TOKEN-ORY-OFFERS',
  'discovery token_endpoint_auth_methods_supported: client_secret_basic': 'TOKEN-ORY-OFFERS',
  'discovery token_endpoint_auth_methods_supported: client_secret_post': 'TOKEN-ORY-OFFERS',
  'discovery token_endpoint_auth_methods_supported: private_key_jwt': 'TOKEN-ORY-OFFERS',
  'discovery token_endpoint_auth_methods_supported: none': 'TOKEN-ORY-OFFERS',
};

/** The members DISC-ORY-OPERATIONS reads: one per operation (logout counts its three kinds). */
export const ORY_OPERATION_MEMBERS = Object.entries(ORY_CONTRACT_DECLARATIONS)
  .filter(([, check]) => check === 'DISC-ORY-OPERATIONS')
  .map(([declaration]) => declaration.replace(/^discovery /, ''));
