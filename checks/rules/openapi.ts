// Judging every exchange of a check against the provider's own OpenAPI document (OIDC_OPENAPI).
import type { CheckRecord } from '../catalogue/types.ts';
import { OAS, SOURCE } from '../catalogue/openapi.ts';
import type { Exchange } from '../../harness/http/exchange.ts';
import { header } from '../../harness/http/exchange.ts';
import type { OpenApiContract } from '../../harness/schema/openapi.ts';

export function openApiRecords(contract: OpenApiContract, exchanges: Exchange[], operation: string): CheckRecord[] {
  const out: CheckRecord[] = [];
  for (const ex of exchanges) {
    if (ex.status === undefined || ex.throttled) continue; // a throttled answer is not the operation's: it was sent again
    const v = contract.judge(ex.method, ex.url, ex.status, header(ex.responseHeaders, 'content-type'), ex.responseBody ?? '');
    if (!v) continue;
    const base = { operation, request: v.operation, specRef: SOURCE.clause, specUrl: SOURCE.url, severity: 'ORY' as const };
    out.push({
      ...base,
      id: OAS.STATUS.id,
      rule: OAS.STATUS.rule,
      status: v.statusProblem ? 'failed' : 'passed',
      message: v.statusProblem ?? '',
    });
    if (v.schemaJudged)
      out.push({
        ...base,
        id: OAS.SCHEMA.id,
        rule: OAS.SCHEMA.rule,
        status: v.schemaProblem ? 'failed' : 'passed',
        message: v.schemaProblem ?? '',
      });
  }
  return out;
}
