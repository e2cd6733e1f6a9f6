/** The eight operations of Ory's OidcApi, in the order of its table, then the token endpoint they rest on. */
export const OPERATIONS = [
  'discoverOidcConfiguration',
  'createOidcDynamicClient',
  'getOidcDynamicClient',
  'setOidcDynamicClient',
  'deleteOidcDynamicClient',
  'getOidcUserInfo',
  'revokeOidcSession',
  'createVerifiableCredential',
  'oauth2TokenExchange',
] as const;
