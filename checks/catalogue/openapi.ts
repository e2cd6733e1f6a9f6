// The checks that judge responses against the provider's own OpenAPI document (OIDC_OPENAPI).
// They are made for every exchange of every check, so they carry the request they judged.
import type { CheckDef } from './types.ts';

export const SOURCE = { clause: "the provider's OpenAPI document (OIDC_OPENAPI)", url: 'https://spec.openapis.org/oas/v3.1.0#responses-object' };

export const OAS = {
  STATUS: { id: 'OAS-STATUS-DOCUMENTED', severity: 'ORY', profiles: ['ory', 'standards'], ...SOURCE,
    rule: 'every status the provider answers is listed for its operation (a catch-all default does not list a success status)' },
  SCHEMA: { id: 'OAS-RESPONSE-SCHEMA', severity: 'ORY', profiles: ['ory', 'standards'], ...SOURCE,
    rule: 'every response body matches the schema the document gives for its operation and status' },
} satisfies Record<string, Omit<CheckDef, 'operation' | 'request'>>;
