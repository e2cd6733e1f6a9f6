// OIDC_OPENAPI end to end, against the reference target, with documents of our own (selftest/fixtures/):
//  - reference-openapi.json matches the reference's routes and has a tight request schema: the three document checks
//    pass, and the coverage in summary.json (and the console, and the report's extra result) names exactly the gaps
//    written into it: a documented 403 never provoked, error_hint documented but never sent, error_description sent
//    but not documented — besides the operations this narrow run never calls;
//  - reference-openapi-drift.json declares fewer methods on /userinfo than the reference serves and a loose request
//    schema: OAS-METHOD-NOT-ALLOWED names POST /userinfo (and passes /.well-known/jwks.json), OAS-REQUEST-VALID-ACCEPTED
//    says the document is off, OAS-REQUEST-INVALID-REFUSED passes;
//  - without OIDC_OPENAPI the document checks are skipped with the reason, and there is no coverage.
// Each is one narrow run (OIDC_SUITES=openapi) of a few seconds.
import { test, expect } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runConformance, type ConformanceRun } from '../harness/run/spawn-conformance.ts';
import type { CheckRecord } from '../checks/catalogue/types.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const DOCUMENT_CHECKS = ['OAS-METHOD-NOT-ALLOWED', 'OAS-REQUEST-INVALID-REFUSED', 'OAS-REQUEST-VALID-ACCEPTED'];
const ENV = { OIDC_BASELINE: '', OIDC_PROFILE: 'ory', OIDC_STRICT: '', OIDC_SEED: '' };

function documentChecks(run: ConformanceRun): Record<string, CheckRecord> {
  expect(run.summary, run.output.slice(-3000)).toBeDefined();
  const checks = run.summary!.checks.filter((c) => DOCUMENT_CHECKS.includes(c.id));
  expect(checks.map((c) => c.id).sort()).toEqual(DOCUMENT_CHECKS);
  return Object.fromEntries(checks.map((c) => [c.id, c]));
}

test.describe.configure({ mode: 'parallel' });

test('a document that matches the reference: the document checks pass, and the coverage names exactly its gaps', async () => {
  const document = join(FIXTURES, 'reference-openapi.json');
  const run = await runConformance({ suites: ['openapi'], env: { ...ENV, OIDC_OPENAPI: document } });
  const checks = documentChecks(run);
  for (const id of DOCUMENT_CHECKS) expect(checks[id]!.status, `${id}: ${checks[id]!.message}`).toBe('passed');
  expect(run.code, run.output.slice(-3000)).toBe(0);

  const coverage = run.summary!.openapiCoverage!;
  expect(coverage.document).toBe(document);
  expect(coverage.operations).toEqual([
    {
      operation: 'GET /.well-known/openid-configuration',
      operationId: 'discoverOidcConfiguration',
      observedAs: [],
      statusesSeen: [],
      statusesNeverSeen: ['200'],
      membersNeverSeen: {},
      membersNotDocumented: {},
    },
    {
      operation: 'POST /oauth2/register',
      operationId: 'createOidcDynamicClient',
      observedAs: ['POST /oauth2/register'],
      statusesSeen: ['201', '400'],
      statusesNeverSeen: ['403'],
      membersNeverSeen: { 400: ['error_hint'] },
      membersNotDocumented: { 400: ['error_description'] },
    },
    {
      operation: 'GET /oauth2/register/{client_id}',
      operationId: 'getOidcDynamicClient',
      observedAs: [],
      statusesSeen: [],
      statusesNeverSeen: ['200', '401'],
      membersNeverSeen: {},
      membersNotDocumented: {},
    },
    {
      operation: 'PUT /oauth2/register/{client_id}',
      operationId: 'setOidcDynamicClient',
      observedAs: ['PUT /oauth2/register/{id}'],
      statusesSeen: ['200', '400'],
      statusesNeverSeen: ['401'],
      membersNeverSeen: {},
      membersNotDocumented: {},
    },
    {
      operation: 'DELETE /oauth2/register/{client_id}',
      operationId: 'deleteOidcDynamicClient',
      observedAs: [],
      statusesSeen: [],
      statusesNeverSeen: ['204', '401'],
      membersNeverSeen: {},
      membersNotDocumented: {},
    },
  ]);
  expect(coverage.totals).toEqual({ operations: 5, exercised: 2, statusesNeverSeen: 7, membersNeverSeen: 1, membersNotDocumented: 1 });
  expect(run.output).toContain(
    '  POST /oauth2/register (createOidcDynamicClient): statuses never seen 403; members never seen (400: error_hint); members seen, not documented (400: error_description)',
  );

  // The report: one extra result that lists the coverage.
  const results = join(run.reportsDir, 'allure-results');
  const extra = readdirSync(results)
    .filter((f) => f.endsWith('-result.json'))
    .map((f) => JSON.parse(readFileSync(join(results, f), 'utf8')))
    .filter((r) => r.name === 'OpenAPI document coverage');
  expect(extra).toHaveLength(1);
  expect(extra[0].description).toContain('- 400: documented members never seen: `error_hint`');
  expect(extra[0].description).toContain('- 400: members seen, not documented: `error_description`');
  expect(JSON.parse(readFileSync(join(results, extra[0].attachments[0].source), 'utf8'))).toEqual(coverage);
});

test('a drifted document: POST /userinfo is served but not declared, and a body the document allows is refused — each said with its side', async () => {
  const run = await runConformance({ suites: ['openapi'], env: { ...ENV, OIDC_OPENAPI: join(FIXTURES, 'reference-openapi-drift.json') } });
  const checks = documentChecks(run);
  expect(run.code).toBe(1);

  const methods = checks['OAS-METHOD-NOT-ALLOWED']!;
  expect(methods.status).toBe('failed');
  expect(methods.finding).toBe('allow-extra:POST /userinfo,status-401:POST /userinfo');
  expect(methods.message).toContain('POST /userinfo answered HTTP 401');
  expect(methods.message).toContain(
    'the provider\'s Allow for /userinfo is "GET, OPTIONS, POST": it serves POST /userinfo, but the document declares only GET — the document lacks the operation, or the provider serves a method it should not',
  );
  expect(methods.message).not.toContain('jwks'); // /.well-known/jwks.json matches the reference
  expect(Object.keys(methods.actual as object)).toEqual(['/userinfo (documented: GET)']);

  const valid = checks['OAS-REQUEST-VALID-ACCEPTED']!;
  expect(valid.status).toBe('failed');
  expect(valid.finding).toBe('refused-400:POST /oauth2/register');
  expect(valid.message).toMatch(
    /^POST \/oauth2\/register with a body the document allows \(json-schema-faker, OIDC_SEED \d+: .*\) answered HTTP 400 \(error: invalid_redirect_uri/,
  );
  expect(valid.message).toContain('the document is off');

  expect(checks['OAS-REQUEST-INVALID-REFUSED']!.status, checks['OAS-REQUEST-INVALID-REFUSED']!.message).toBe('passed');
});

test('without OIDC_OPENAPI the document checks are outside the run (n/a) with the reason, and the summary has no coverage', async () => {
  const run = await runConformance({ suites: ['openapi'], env: { ...ENV, OIDC_OPENAPI: '' } });
  const checks = documentChecks(run);
  for (const id of DOCUMENT_CHECKS) {
    expect(checks[id]!.status).toBe('skipped');
    expect(checks[id]!.skip).toBe('profile');
    expect(checks[id]!.message).toMatch(
      /^not part of this run's rules: it judges the provider against its own OpenAPI document; give one in OIDC_OPENAPI$/,
    );
  }
  expect(run.summary!.openapiCoverage).toBeUndefined();
  expect(run.output).not.toContain('OpenAPI document coverage');
  expect(run.code).toBe(0);
});
