// The clean, full conformance run against the embedded reference target (made once by global
// setup): it is green, it writes all three reports, and no secret the target handed out is in any of them.
import { test, expect } from '@playwright/test';
import { readdirSync, readFileSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { OPERATIONS } from '../checks/catalogue/operations.ts';
import { CHECK_STATUSES } from '../checks/catalogue/types.ts';
import { cleanRun, CLEAN_RUN_DIR } from './support/clean-run.ts';

test('a run against the reference target exits 0 with no failed check', () => {
  const run = cleanRun();
  expect(run.code, run.output).toBe(0);
  expect(
    run.summary.totals.failed,
    JSON.stringify(
      run.summary.checks.filter((c) => c.status === 'failed'),
      null,
      2,
    ),
  ).toBe(0);
  for (const op of OPERATIONS) expect(run.summary.operations[op]?.passed, op).toBeGreaterThan(0);
});

test('summary.json has the documented shape', () => {
  const s = cleanRun().summary;
  expect(s.target.profile).toBe('ory');
  expect(s.target.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(typeof s.durationMs).toBe('number');
  for (const k of ['passed', 'failed', 'warned', 'skipped'] as const) expect(typeof s.totals[k]).toBe('number');
  for (const c of s.checks) {
    expect(Object.keys(c)).toEqual(expect.arrayContaining(['id', 'operation', 'request', 'severity', 'status', 'specRef', 'message']));
    // METHOD /path, a request the provider makes (POST {backchannel_logout_uri}), or every documented path (OAS-*),
    // with what tells two requests to one path apart in parentheses.
    expect(c.request).toMatch(/^(GET|POST|PUT|DELETE|PATCH|\*) (\S+|\{[^}]+\})( \([^)]+\))?$/);
    expect(CHECK_STATUSES).toContain(c.status);
    if (c.status === 'excused') expect(c.excuse?.reason, c.id).toBeTruthy();
    if (!['passed', 'skipped', 'excused'].includes(c.status)) expect(c.cause, c.id).toBeTruthy();
    expect(['MUST', 'SHOULD', 'ORY']).toContain(c.severity);
  }
  expect(new Set(s.checks.map((c) => `${c.id} ${c.request}`)).size).toBe(s.checks.length);
});

test('the console ends with the per-operation table and the report location', () => {
  const out = cleanRun().output;
  expect(out).toMatch(/operation\s+passed\s+failed\s+blocked\s+warned\s+drift\s+known\s+fixed\s+excused\s+skipped\s+n\/a/);
  expect(out).toMatch(/MUST and ORY checks: \d+ of \d+ reached a verdict, \d+ excused, 0 did not/);
  // The counts add up: the columns of the total row sum to the checks the run collected.
  const total = /^total \((\d+) checks\)((?:\s+\d+){10})$/m.exec(out);
  expect(total, 'the total row').toBeTruthy();
  expect(
    total![2]!
      .trim()
      .split(/\s+/)
      .map(Number)
      .reduce((a, b) => a + b, 0),
  ).toBe(Number(total![1]));
  expect(out).toMatch(/^GATE: PASSED$/m);
  expect(out).toMatch(/discoverOidcConfiguration\s+\d+\s+0\s+/);
  expect(out).toContain('HTML report: ');
});

test('JUnit and a single-file Allure report are written; the report loads nothing from the network', () => {
  expect(readFileSync(join(CLEAN_RUN_DIR, 'junit.xml'), 'utf8')).toContain('<testsuites');
  const html = readFileSync(join(CLEAN_RUN_DIR, 'allure-report', 'index.html'), 'utf8');
  expect(html).not.toContain('googletagmanager');
  expect(html).not.toMatch(/<script[^>]+src="https?:/);
  expect(readdirSync(join(CLEAN_RUN_DIR, 'allure-report'))).toContain('index.html');
});

test('Allure results carry the operation, the check id, the severity and the clause link', () => {
  const dir = join(CLEAN_RUN_DIR, 'allure-results');
  const results = readdirSync(dir)
    .filter((f) => f.endsWith('-result.json'))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')));
  const issuer = results.find((r) => r.name.startsWith('DISC-ISSUER-EXACT'));
  expect(issuer).toBeTruthy();
  const label = (n: string) => issuer.labels.find((l: { name: string }) => l.name === n)?.value;
  expect(label('parentSuite')).toBe('discoverOidcConfiguration');
  expect(label('checkId')).toBe('DISC-ISSUER-EXACT');
  expect(label('severity')).toBe('critical');
  expect(issuer.links[0].url).toContain('openid-connect-discovery-1_0.html#ProviderConfigurationValidation');
  // The exchange is attached to its own step, as a transcript and the curl command that repeats it.
  const step = issuer.steps.find((s: { name: string }) => s.name.startsWith('GET /.well-known/openid-configuration'));
  // Named by its request and status, as the step is.
  const attachment = step?.attachments?.find((a: { name: string }) =>
    a.name.startsWith('GET /.well-known/openid-configuration → HTTP 200'),
  );
  expect(attachment, JSON.stringify(issuer.steps).slice(0, 500)).toBeTruthy();
  const text = readFileSync(join(dir, attachment.source), 'utf8');
  expect(text).toContain('HTTP/1.1 200');
  expect(text).toContain("curl -i -X GET '");
  // The report opens with the check, not with its definition; the path names the suite file.
  expect(issuer.steps[0].name).not.toMatch(/^check-def/);
  expect(issuer.titlePath).toEqual(['tests', 'discovery.spec.ts', 'discoverOidcConfiguration: GET /.well-known/openid-configuration']);
});

test("an exchange's step is inside the named step it was made in, in order; a shared scenario shown again is one step", () => {
  type Step = { name: string; start: number; steps?: Step[]; attachments?: Array<{ source: string }> };
  const dir = join(CLEAN_RUN_DIR, 'allure-results');
  const results: Step[] = readdirSync(dir)
    .filter((f) => f.endsWith('-result.json'))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')));
  const isExchange = (s: Step) => / → (HTTP \d{3}|no response)/.test(s.name);
  // A sign-in's requests, authorization to token, are the children of its step, in the order they were made.
  const signIn = results.flatMap((r) => r.steps ?? []).find((s) => s.name.startsWith('sign a user in'));
  const inside = (signIn?.steps ?? []).filter(isExchange).map((s) => s.name);
  expect(
    inside.some((n) => n.startsWith('GET /oauth2/auth?')),
    inside.join('\n'),
  ).toBe(true);
  expect(inside.at(-1), inside.join('\n')).toMatch(/^POST \/oauth2\/token → HTTP 200/);
  const starts = (signIn?.steps ?? []).map((s) => s.start);
  expect(starts).toEqual([...starts].sort((a, b) => a - b));
  // A check that judges a scenario another check ran shows its exchanges as one step, each transcript numbered.
  const replay = results.flatMap((r) => r.steps ?? []).find((s) => / run once per worker by [A-Z0-9-]+: \d+ HTTP exchanges?$/.test(s.name));
  expect(replay?.attachments?.length).toBe(1);
  const n = Number(/: (\d+) HTTP exchanges?$/.exec(replay!.name)![1]);
  const text = readFileSync(join(dir, replay!.attachments![0]!.source), 'utf8');
  expect(text).toContain(`=== 1 of ${n}: `);
  expect(text).toContain(`=== ${n} of ${n}: `);
  // No batch of Playwright's is left in the results: the evidence travelled as an annotation.
  expect(
    readdirSync(dir).filter((f) => f.endsWith('.json') && readFileSync(join(dir, f), 'utf8').includes('oidc-harness-exchanges')),
  ).toEqual([]);
});

/** Every text a file under reports/ holds, including zip entries and base64 embedded in the HTML report. */
function* texts(dir: string): Generator<[string, string]> {
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const path = join(e.parentPath, e.name);
    const buf = readFileSync(path);
    yield [path, buf.toString('latin1')];
    yield [path, buf.toString('utf8')];
    if (buf[0] === 0x50 && buf[1] === 0x4b) {
      for (const [name, data] of Object.entries(unzipSync(buf))) yield [`${path}!${name}`, Buffer.from(data).toString('utf8')];
    }
    for (const m of buf.toString('latin1').matchAll(/[A-Za-z0-9+/]{60,}={0,2}/g)) {
      const decoded = Buffer.from(m[0], 'base64');
      yield [`${path} (base64)`, decoded.toString('utf8')];
      if (decoded[0] === 0x50 && decoded[1] === 0x4b) {
        try {
          for (const [name, data] of Object.entries(unzipSync(decoded)))
            yield [`${path} (base64 zip)!${name}`, Buffer.from(data).toString('utf8')];
        } catch {
          /* not a zip */
        }
      }
    }
  }
}

/** What to look for of a secret: the value, and of a JWT its signature, of an opaque token the part after its prefix. */
function needles(value: string): string[] {
  const parts = value.split('.');
  const out = [value];
  if (parts.length === 3 && parts[2]!.length >= 16) out.push(parts[2]!);
  const opaque = /^ory_[a-z]{2}_(.+)$/.exec(value);
  if (opaque) out.push(opaque[1]!);
  return out;
}

const readLog = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { kind: string; value: string });

/** Each issued secret (or a telling part of it) found in a file under `dir`, as `kind in file`. */
function leaks(dir: string, issued: Array<{ kind: string; value: string }>): string[] {
  // Every token-like run of a text (and its dot-separated parts) looked up among the needles: one pass per text.
  const kindOf = new Map<string, string>();
  for (const s of issued) for (const n of needles(s.value)) if (n.length >= 12) kindOf.set(n, s.kind);
  const hits: string[] = [];
  for (const [where, text] of texts(dir)) {
    for (const run of text.match(/[A-Za-z0-9_~+/=.-]{12,}/g) ?? []) {
      for (const part of [run, ...run.split('.'), run.replace(/^ory_[a-z]{2}_/, '')]) {
        const kind = kindOf.get(part);
        if (kind) hits.push(`${kind} in ${where}`);
      }
    }
  }
  return [...new Set(hits)];
}

test("the leak scan finds a planted secret: a JWT's signature alone, an opaque token without its prefix, in a zip", () => {
  const dir = mkdtempSync(join(tmpdir(), 'oidc-leak-'));
  const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLW9mLXRoZS10b2tlbi0xMjM0NTY3OA';
  const opaque = 'ory_at_QWxhZGRpbjpvcGVuc2VzYW1l.c2Vjb25kLXBhcnQtb2YtaXQ';
  writeFileSync(join(dir, 'a.json'), JSON.stringify({ note: 'signature c2lnbmF0dXJlLW9mLXRoZS10b2tlbi0xMjM0NTY3OA seen' }));
  const trace = strToU8('Authorization: Bearer QWxhZGRpbjpvcGVuc2VzYW1l.c2Vjb25kLXBhcnQtb2YtaXQ');
  writeFileSync(join(dir, 'b.zip'), Buffer.from(zipSync({ 'trace.txt': trace })));
  const found = leaks(dir, [
    { kind: 'id_token', value: jwt },
    { kind: 'access_token', value: opaque },
  ]);
  expect(found.some((h) => /^id_token in .*a\.json/.test(h))).toBe(true);
  expect(found.some((h) => /^access_token in .*b\.zip!trace\.txt/.test(h))).toBe(true);
});

test("no secret the target handed out appears in any file under the reports folder (the list is the target's, not the harness's)", () => {
  const { issuedLog } = cleanRun();
  expect(existsSync(issuedLog)).toBe(true);
  const issued = readLog(issuedLog);
  const kinds = new Set(issued.map((s) => s.kind));
  // The run really was handed secrets of these kinds, so the scan below proves something.
  for (const k of [
    'client_secret',
    'registration_access_token',
    'access_token',
    'refresh_token',
    'id_token',
    'code',
    'cookie',
    'logout_token',
  ])
    expect([...kinds], `the target handed out no ${k}`).toContain(k);
  expect(leaks(CLEAN_RUN_DIR, issued)).toEqual([]);
});
