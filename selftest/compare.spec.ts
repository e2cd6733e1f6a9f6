// npm run compare: verdict changes and contract drift between two runs, on hand-made inputs (every kind of
// change, the Markdown for a job summary or a PR comment, bad input), and end to end against the reference
// target: two clean runs give the same contract.json byte for byte (exit 0); a defect that drops a member
// whose check is not run is exactly that drift (exit 3); the same defect with its check run is a regression (exit 1).
import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CheckRecord, CheckStatus } from '../checks/catalogue/types.ts';
import { classifyChange, diffVerdicts, type VerdictSide } from '../harness/contract/verdicts.ts';
import { diffContracts, type DriftItem } from '../harness/contract/drift.ts';
import type { Contract, StatusShape } from '../harness/contract/contract.ts';
import { compareRuns, loadRun, renderMarkdown, withoutRunSpecifics, type Comparison } from '../harness/contract/compare.ts';
import { runConformance, scratchReportsDir, type ConformanceRun } from '../harness/run/spawn-conformance.ts';

const ROOT = resolve(import.meta.dirname, '..');

const record = (over: Partial<CheckRecord>): CheckRecord => ({
  id: 'REG-CREATE-CLIENT-URI',
  operation: 'createOidcDynamicClient',
  request: 'POST /oauth2/register',
  severity: 'MUST',
  status: 'passed',
  specRef: 'RFC 7592 §3',
  specUrl: 'https://www.rfc-editor.org/rfc/rfc7592#section-3',
  rule: 'r',
  message: '',
  ...over,
});

const slot = (over: Partial<StatusShape> = {}): StatusShape => ({
  contentTypes: ['application/json'],
  headers: ['cache-control', 'content-type'],
  body: ['object'],
  members: { client_id: { types: ['string'], always: true } },
  errors: [],
  ...over,
});

const contractOf = (responses: Record<string, StatusShape>, more: Contract['operations'] = {}): Contract => ({
  version: 1,
  operations: { createOidcDynamicClient: { 'POST /oauth2/register': { responses } }, ...more },
});

/** A report folder with a summary.json (of these checks) and a contract.json. */
function reportDir(name: string, checks: CheckRecord[], contract: Contract): string {
  const dir = mkdtempSync(join(scratchReportsDir('compare-unit'), `${name}-`));
  const summary = {
    target: { baseUrl: 'http://op.example', issuer: 'http://op.example', profile: 'ory', strict: false, providerVersion: name },
    harnessVersion: '0.1.0',
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 1,
    selection: { complete: true },
    gate: { passed: true, reasons: [], notRun: [], must: { ran: 0, total: 0 } },
    totals: {},
    operations: {},
    checks,
  };
  writeFileSync(join(dir, 'summary.json'), JSON.stringify(summary));
  writeFileSync(join(dir, 'contract.json'), JSON.stringify(contract));
  return dir;
}

function compareCli(args: string[], cwd = ROOT): { code: number | null; stdout: string; stderr: string } {
  const tsx = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const r = spawnSync(process.execPath, [tsx, join(ROOT, 'bin', 'compare.ts'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, OIDC_REPORTS_DIR: '' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('verdicts: each transition has its kind, and only failing, changed failures and lost checks are regressions', () => {
  const s = (status: CheckStatus | 'absent', more: Partial<VerdictSide> = {}): VerdictSide => ({ status, ...more });
  const cases: Array<[VerdictSide, VerdictSide, string | undefined]> = [
    [s('passed'), s('failed', { finding: 'status:200' }), 'newly-failing regression'],
    [s('passed'), s('blocked', { blockedBy: ['REG-CREATE-STATUS-201'] }), 'newly-failing regression'],
    [s('absent'), s('failed', { finding: 'x' }), 'newly-failing regression'],
    [s('skipped'), s('failed', { finding: 'x' }), 'newly-failing regression'],
    [s('known', { finding: 'x' }), s('failed', { finding: 'y' }), 'newly-failing regression'],
    [s('failed', { finding: 'status:200' }), s('failed', { finding: 'status:203' }), 'changed-finding regression'],
    [s('failed', { finding: 'x' }), s('blocked', { blockedBy: ['A'] }), 'changed-finding regression'],
    [s('blocked', { blockedBy: ['A'] }), s('blocked', { blockedBy: ['B'] }), 'changed-finding regression'],
    [s('passed'), s('skipped', { skip: 'no-evidence' }), 'no-longer-run regression'],
    [s('warning', { finding: 'x' }), s('absent'), 'no-longer-run regression'],
    [s('failed', { finding: 'x' }), s('skipped'), 'no-longer-run regression'],
    [s('failed', { finding: 'x' }), s('passed'), 'newly-passing'],
    [s('blocked', { blockedBy: ['A'] }), s('passed'), 'newly-passing'],
    [s('skipped'), s('passed'), 'newly-run'],
    [s('absent'), s('passed'), 'newly-run'],
    [s('passed'), s('warning', { finding: 'x' }), 'newly-warning'],
    [s('warning', { finding: 'x' }), s('warning', { finding: 'y' }), 'changed-finding'],
    [s('passed'), s('fixed'), 'other'],
    [s('failed', { finding: 'x' }), s('known', { finding: 'x' }), 'other'],
    [s('skipped'), s('absent'), 'other'],
    [s('blocked', { blockedBy: ['A'] }), s('skipped'), 'other'],
    [s('failed', { finding: 'x', message: 'one' }), s('failed', { finding: 'x', message: 'two' }), undefined],
    [s('skipped', { message: 'no browser' }), s('skipped', { message: 'no user' }), undefined],
    [s('passed'), s('passed'), undefined],
  ];
  for (const [a, b, want] of cases) {
    const got = classifyChange(a, b);
    expect(got && `${got.kind}${got.regression ? ' regression' : ''}`, `${JSON.stringify(a)} → ${JSON.stringify(b)}`).toBe(want);
  }
  // Keyed by id and request: the same id on another request is another check.
  const changes = diffVerdicts(
    [record({}), record({ request: 'GET /oauth2/register/{id}', operation: 'getOidcDynamicClient' }), record({ id: 'GONE' })],
    [
      record({ status: 'failed', cause: 'violation', finding: 'member-missing', message: 'no registration_client_uri' }),
      record({ request: 'GET /oauth2/register/{id}', operation: 'getOidcDynamicClient' }),
      record({ id: 'NEW' }),
    ],
  );
  expect(changes.map((c) => `${c.kind} ${c.id} ${c.request}`)).toEqual([
    'newly-failing REG-CREATE-CLIENT-URI POST /oauth2/register',
    'no-longer-run GONE POST /oauth2/register',
    'newly-run NEW POST /oauth2/register',
  ]);
  expect(changes[0].b).toMatchObject({
    status: 'failed',
    cause: 'violation',
    finding: 'member-missing',
    message: 'no registration_client_uri',
  });
});

test('drift: statuses, members (added, gone, type, presence), headers, error codes, media type and body, requests', () => {
  const a = contractOf(
    {
      '201': slot({
        members: {
          client_id: { types: ['string'], always: true },
          registration_client_uri: { types: ['string'], always: true },
          audience: { types: ['array'], always: true },
          contacts: { types: ['array'], always: true },
        },
      }),
      '400': slot({ errors: ['invalid_client_metadata', 'invalid_redirect_uri'], members: { error: { types: ['string'], always: true } } }),
      '500': slot(),
    },
    { discoverJsonWebKeys: { 'GET /.well-known/jwks.json': { responses: { '200': slot() } } } },
  );
  const b = contractOf(
    {
      '201': slot({
        headers: ['cache-control', 'content-type', 'location'],
        members: {
          client_id: { types: ['string'], always: true },
          audience: { types: ['array', 'null'], always: true },
          contacts: { types: ['array'], always: false },
          owner: { types: ['string'], always: true },
        },
      }),
      '400': slot({
        contentTypes: ['text/plain'],
        body: ['not-json'],
        errors: ['invalid_client_metadata', 'invalid_request'],
        members: {},
        headers: ['content-type'],
      }),
      '200': slot(),
    },
    { revokeOidcSession: { 'POST {backchannel_logout_uri}': { received: slot({ headers: [], body: ['form'] }) } } },
  );
  const line = (d: DriftItem) => [d.operation, d.request, d.status ?? '', d.change, d.subject ?? '', d.a ?? '', d.b ?? ''].join(' | ');
  expect(diffContracts(a, b).map(line)).toEqual([
    'createOidcDynamicClient | POST /oauth2/register | 200 | status-added |  |  | ',
    'createOidcDynamicClient | POST /oauth2/register | 201 | member-type | audience | array | array | null',
    'createOidcDynamicClient | POST /oauth2/register | 201 | member-presence | contacts | always | sometimes',
    'createOidcDynamicClient | POST /oauth2/register | 201 | member-added | owner |  | string, always',
    'createOidcDynamicClient | POST /oauth2/register | 201 | member-gone | registration_client_uri | string, always | ',
    'createOidcDynamicClient | POST /oauth2/register | 201 | header-added | location |  | ',
    'createOidcDynamicClient | POST /oauth2/register | 400 | content-type |  | application/json | text/plain',
    'createOidcDynamicClient | POST /oauth2/register | 400 | body |  | object | not-json',
    'createOidcDynamicClient | POST /oauth2/register | 400 | member-gone | error | string, always | ',
    'createOidcDynamicClient | POST /oauth2/register | 400 | header-gone | cache-control |  | ',
    'createOidcDynamicClient | POST /oauth2/register | 400 | error-gone | invalid_redirect_uri |  | ',
    'createOidcDynamicClient | POST /oauth2/register | 400 | error-added | invalid_request |  | ',
    'createOidcDynamicClient | POST /oauth2/register | 500 | status-gone |  |  | ',
    'discoverJsonWebKeys | GET /.well-known/jwks.json |  | request-gone |  | 200 | ',
    'revokeOidcSession | POST {backchannel_logout_uri} |  | request-added |  |  | received',
  ]);
  expect(diffContracts(a, structuredClone(a))).toEqual([]);
});

test("a kept (--stable) comparison leaves out what differs from run to run: a loopback port, a masked value's fingerprint", () => {
  expect(withoutRunSpecifics('a redirect to http://127.0.0.1:37097/interaction/[masked:cookie#21b751]/login')).toBe(
    'a redirect to http://127.0.0.1:PORT/interaction/[masked:cookie]/login',
  );
  expect(withoutRunSpecifics('https://localhost:8443/x and https://issuer.example.com:8443/x')).toBe(
    'https://localhost:PORT/x and https://issuer.example.com:8443/x',
  );
  expect(withoutRunSpecifics(undefined)).toBeUndefined();
});

test('markdown: a title line, the summary line, "no changes" when nothing changed; long lists fold under <details>', () => {
  const contract = contractOf({ '201': slot() });
  const same = compareRuns(
    loadRun(reportDir('same-a', [record({})], contract), 'A'),
    loadRun(reportDir('same-b', [record({})], contract), 'B'),
  );
  expect(same.exitCode).toBe(0);
  const md = renderMarkdown(same).split('\n');
  expect(md[0]).toMatch(/^## OIDC conformance: .+ → .+$/);
  expect(md[2]).toBe('**No changes: the 1 verdict and the observed contract (1 request) are the same.**');
  expect(md.join('\n')).toContain('No verdict changed.');
  expect(md.join('\n')).not.toContain('<details>');

  const many = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`member_${i}`, { types: ['string' as const], always: true }]));
  const drifted = compareRuns(
    loadRun(reportDir('many-a', [record({})], contract), 'A'),
    loadRun(reportDir('many-b', [record({ status: 'fixed' })], contractOf({ '201': slot({ members: many }) })), 'B'),
  );
  expect(drifted.exitCode).toBe(3);
  expect(drifted.summary).toBe('Changed, no verdict regressed: 1 other change; contract drift: 41 changes in 1 operation.');
  const text = renderMarkdown(drifted);
  expect(text).toContain('<details>\n<summary><b>createOidcDynamicClient (41 changes)</b></summary>\n\n| request |');
  expect(text.split('\n')[2]).toBe(`**${drifted.summary}**`);
});

test('markdown: a huge comparison still fits a PR comment, and cells cannot break the table', () => {
  const c: Comparison = compareRuns(
    loadRun(reportDir('huge-a', [], contractOf({})), 'A'),
    loadRun(
      reportDir(
        'huge-b',
        Array.from({ length: 3000 }, (_, i) =>
          record({
            id: `X-${i}`,
            status: 'failed',
            cause: 'violation',
            finding: 'f',
            message: `bad | <b>${'x'.repeat(400)}</b>\nnext line`,
          }),
        ),
        contractOf({}),
      ),
      'B',
    ),
  );
  expect(c.exitCode).toBe(1);
  const md = renderMarkdown(c);
  expect(md.length).toBeLessThanOrEqual(60_000);
  expect(md).toContain('more (see compare.json)');
  expect(md).not.toContain('<b>x');
  for (const row of md.split('\n').filter((l) => l.startsWith('| `X-'))) expect(row.split(/(?<!\\)\|/).length, row).toBe(8);
});

test('the command: bad input is exit 2 with one line and no stack trace; otherwise compare.md and compare.json in --out', () => {
  const good = reportDir('cli-good', [record({})], contractOf({ '201': slot() }));
  const noContract = mkdtempSync(join(scratchReportsDir('compare-unit'), 'no-contract-'));
  writeFileSync(
    join(noContract, 'summary.json'),
    JSON.stringify({ checks: [], selection: { complete: true, interrupted: false, narrowedBy: [] } }),
  );
  const notJson = mkdtempSync(join(scratchReportsDir('compare-unit'), 'not-json-'));
  writeFileSync(join(notJson, 'summary.json'), '{');
  const notSummary = mkdtempSync(join(scratchReportsDir('compare-unit'), 'not-summary-'));
  writeFileSync(join(notSummary, 'summary.json'), JSON.stringify({ hello: 1 }));
  const badContract = reportDir('cli-bad-contract', [record({})], { version: 99 } as unknown as Contract);
  const cut = (name: string, selection: object) => {
    const dir = reportDir(name, [record({})], contractOf({ '201': slot() }));
    const file = join(dir, 'summary.json');
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), selection }));
    return dir;
  };
  const partial = cut('cli-partial', { complete: false, interrupted: false, narrowedBy: ['-g REG-'] });
  const interrupted = cut('cli-interrupted', { complete: true, interrupted: true, narrowedBy: [] });
  const bad: Array<[string[], RegExp]> = [
    [[good], /expected two reports \(A and B\), got 1/],
    [[good, good, '--bogus'], /unknown option --bogus/],
    [[good, good, '--out'], /--out needs a folder/],
    [[good, join(good, 'nowhere')], /^\[compare\] B: .*nowhere does not exist/],
    [[noContract, good], /^\[compare\] A: no contract\.json beside/],
    [[good, notJson], /^\[compare\] B: .* is not JSON/],
    [[notSummary, good], /not a conformance summary\.json/],
    [[good, badContract], /is not an observed contract/],
    [[partial, good], /^\[compare\] A: .* cannot be compared: it is a partial run \(-g REG-\)/],
    [[good, interrupted], /^\[compare\] B: .* cannot be compared: the run was interrupted/],
  ];
  for (const [args, message] of bad) {
    const r = compareCli(args);
    expect(r.code, args.join(' ')).toBe(2);
    expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }
  const out = mkdtempSync(join(scratchReportsDir('compare-unit'), 'out-'));
  const worse = reportDir(
    'cli-worse',
    [record({ status: 'failed', cause: 'violation', finding: 'f', message: 'm' })],
    contractOf({ '201': slot() }),
  );
  const r = compareCli([good, join(worse, 'summary.json'), '--out', out]);
  expect(r.code).toBe(1);
  expect(readFileSync(join(out, 'compare.md'), 'utf8')).toBe(r.stdout);
  const json = JSON.parse(readFileSync(join(out, 'compare.json'), 'utf8'));
  expect(json).toMatchObject({
    exitCode: 1,
    counts: { regressions: 1, 'newly-failing': 1, drift: 0 },
    verdicts: [{ kind: 'newly-failing', id: 'REG-CREATE-CLIENT-URI', b: { status: 'failed', cause: 'violation', finding: 'f' } }],
  });
  expect(compareCli([good, good, `--out=${out}`]).code).toBe(0);
});

// ---- end to end, against the reference target ----

const REG_SUITES = ['discovery', 'registration'];
/** Suites that register clients but do not judge the create response's members (the clients fixture falls back to endpoint + id). */
const NO_REG_SUITES = ['discovery', 'token-endpoint-auth'];
const DEFECT = 'registration.no-client-uri';
/** The drift DEFECT makes: the create response loses its registration_client_uri. */
const URI_GONE = {
  operation: 'createOidcDynamicClient',
  request: 'POST /oauth2/register',
  status: '201',
  change: 'member-gone',
  subject: 'registration_client_uri',
  a: 'string, always',
};

function compareRunsOf(a: ConformanceRun, b: ConformanceRun): { code: number | null; stdout: string; stderr: string; json: Comparison } {
  const out = join(b.reportsDir, 'compare');
  const r = compareCli([a.reportsDir, b.reportsDir, '--out', out]);
  return { ...r, json: JSON.parse(readFileSync(join(out, 'compare.json'), 'utf8')) };
}

function runOk(r: ConformanceRun): void {
  expect(r.summary, `the run wrote no summary:\n${r.output.slice(-3000)}`).toBeDefined();
  expect(readFileSync(join(r.reportsDir, 'contract.json'), 'utf8').length, 'contract.json').toBeGreaterThan(20);
}

test.describe.serial('compare two runs of the reference target (discovery, registration)', () => {
  let clean: ConformanceRun;

  test('two runs give the same contract.json byte for byte, and compare says no changes (exit 0)', async () => {
    test.setTimeout(420_000);
    clean = await runConformance({ suites: REG_SUITES });
    const again = await runConformance({ suites: REG_SUITES });
    runOk(clean);
    runOk(again);
    const first = readFileSync(join(clean.reportsDir, 'contract.json'), 'utf8');
    expect(readFileSync(join(again.reportsDir, 'contract.json'), 'utf8')).toBe(first);
    const contract = JSON.parse(first) as Contract;
    expect(Object.keys(contract.operations)).toEqual(
      expect.arrayContaining([
        'createOidcDynamicClient',
        'getOidcDynamicClient',
        'setOidcDynamicClient',
        'deleteOidcDynamicClient',
        'discoverOidcConfiguration',
      ]),
    );
    expect(contract.operations.createOidcDynamicClient['POST /oauth2/register'].responses?.['201'].members.registration_client_uri).toEqual(
      { types: ['string'], always: true },
    );
    const r = compareRunsOf(clean, again);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(r.stdout.split('\n')[2]).toMatch(/^\*\*No changes: /);
  });

  test(`${DEFECT} with REG-CREATE-CLIENT-URI in the run: a regression (exit 1) and the member gone`, async () => {
    test.setTimeout(300_000);
    const broken = await runConformance({ suites: REG_SUITES, defects: [DEFECT] });
    runOk(broken);
    const r = compareRunsOf(clean, broken);
    expect(r.code, r.stderr + r.stdout).toBe(1);
    expect(r.json.verdicts).toContainEqual(
      expect.objectContaining({
        kind: 'newly-failing',
        regression: true,
        id: 'REG-CREATE-CLIENT-URI',
        request: 'POST /oauth2/register',
        b: expect.objectContaining({ status: 'failed', cause: 'violation' }),
      }),
    );
    expect(r.json.drift).toContainEqual(URI_GONE);
    expect(r.stdout.split('\n')[2]).toMatch(/^\*\*Regressed: .*newly failing/);
  });
});

test(`${DEFECT} where no check judges the create response's members: exactly that drift, no verdict change (exit 3)`, async () => {
  test.setTimeout(300_000);
  const clean = await runConformance({ suites: NO_REG_SUITES });
  const broken = await runConformance({ suites: NO_REG_SUITES, defects: [DEFECT] });
  runOk(clean);
  runOk(broken);
  const r = compareRunsOf(clean, broken);
  expect(r.code, r.stderr + r.stdout).toBe(3);
  expect(r.json.verdicts).toEqual([]);
  expect(r.json.drift).toEqual([URI_GONE]);
  expect(r.stdout.split('\n')[2]).toBe('**Changed, no verdict regressed: no verdict changes; contract drift: 1 change in 1 operation.**');
});
