// The clean, full conformance run against the embedded reference target (made once by global
// setup): it is green, it writes all three reports, and no secret it used is in any of them.
import { test, expect } from '@playwright/test';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { OPERATIONS } from '../checks/catalogue/operations.ts';
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
    expect(['passed', 'failed', 'warning', 'blocked', 'skipped', 'known', 'fixed']).toContain(c.status);
    if (c.status !== 'passed' && c.status !== 'skipped') expect(c.cause, c.id).toBeTruthy();
    expect(['MUST', 'SHOULD', 'ORY']).toContain(c.severity);
  }
  expect(new Set(s.checks.map((c) => `${c.id} ${c.request}`)).size).toBe(s.checks.length);
});

test('the console ends with the per-operation table and the report location', () => {
  const out = cleanRun().output;
  expect(out).toMatch(/operation\s+passed\s+failed\s+blocked\s+warned\s+skipped\s+known\s+fixed/);
  expect(out).toMatch(/ran \d+ of \d+ MUST checks/);
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
  const attachment = step?.attachments?.find((a: { name: string }) => a.name === 'HTTP exchange');
  expect(attachment, JSON.stringify(issuer.steps).slice(0, 500)).toBeTruthy();
  const text = readFileSync(join(dir, attachment.source), 'utf8');
  expect(text).toContain('HTTP/1.1 200');
  expect(text).toContain("curl -i -X GET '");
  // The report opens with the check, not with its definition; the path names the suite file.
  expect(issuer.steps[0].name).not.toMatch(/^check-def/);
  expect(issuer.titlePath).toEqual(['tests', 'discovery.spec.ts', 'discoverOidcConfiguration: GET /.well-known/openid-configuration']);
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

test('no secret the run used appears in any file under its reports folder', () => {
  const { secretLog } = cleanRun();
  expect(existsSync(secretLog)).toBe(true);
  const secrets = readFileSync(secretLog, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { kind: string; value: string });
  const kinds = new Set(secrets.map((s) => s.kind));
  // The run really handled secrets of these kinds, so the scan below proves something.
  for (const k of ['client_secret', 'registration_access_token']) expect([...kinds], `the run used no ${k}`).toContain(k);
  const hits: string[] = [];
  for (const [where, text] of texts(CLEAN_RUN_DIR)) {
    for (const s of secrets) if (text.includes(s.value)) hits.push(`${s.kind} in ${where}`);
  }
  expect(hits).toEqual([]);
});
