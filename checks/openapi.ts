// The checks that judge responses against the provider's own OpenAPI document (OIDC_OPENAPI).
// They are made for every exchange of every check, so they carry the request they judged.
import type { CheckDef, CheckRecord } from './types.ts';
import type { Exchange } from '../harness/http/exchange.ts';
import { header } from '../harness/http/exchange.ts';
import type { OpenApiContract } from '../harness/schema/openapi.ts';

const SOURCE = { clause: "the provider's OpenAPI document (OIDC_OPENAPI)", url: 'https://spec.openapis.org/oas/v3.1.0#responses-object' };

export const OAS = {
  STATUS: { id: 'OAS-STATUS-DOCUMENTED', severity: 'ORY', profiles: ['ory', 'standards'], ...SOURCE,
    rule: 'every status the provider answers is listed for its operation (a catch-all default does not list a success status)' },
  SCHEMA: { id: 'OAS-RESPONSE-SCHEMA', severity: 'ORY', profiles: ['ory', 'standards'], ...SOURCE,
    rule: 'every response body matches the schema the document gives for its operation and status' },
} satisfies Record<string, Omit<CheckDef, 'operation' | 'request'>>;

export function openApiRecords(contract: OpenApiContract, exchanges: Exchange[], operation: string): CheckRecord[] {
  const out: CheckRecord[] = [];
  for (const ex of exchanges) {
    if (ex.status === undefined) continue;
    const v = contract.judge(ex.method, ex.url, ex.status, header(ex.responseHeaders, 'content-type'), ex.responseBody ?? '');
    if (!v) continue;
    const base = { operation, request: v.operation, specRef: SOURCE.clause, specUrl: SOURCE.url, severity: 'ORY' as const };
    out.push({ ...base, id: OAS.STATUS.id, rule: OAS.STATUS.rule, status: v.statusProblem ? 'failed' : 'passed', message: v.statusProblem ?? '' });
    if (v.schemaJudged) out.push({ ...base, id: OAS.SCHEMA.id, rule: OAS.SCHEMA.rule, status: v.schemaProblem ? 'failed' : 'passed', message: v.schemaProblem ?? '' });
  }
  return out;
}
