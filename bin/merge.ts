// npm run merge -- DIR… : combine the report folders of a sharded run (`npm run conformance -- --shard=i/n`,
// one per CI machine) into one summary.json, junit.xml, contract.json and Allure HTML report, written to
// OIDC_REPORTS_DIR (default reports/). The gate is decided on the merged result, with the same settings a
// single run reads (OIDC_BASELINE, OIDC_GATE); a shard that is missing or given twice fails it.
// Exit codes (harness/run/exit-codes.ts): 0 the merged run passes its gate, 1 it fails, 2 bad input (one line),
// 4 not decided (a shard missing or given twice, a check of the scope in no shard), 130 a shard was interrupted.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ALL_CHECKS } from '../checks/catalogue/index.ts';
import { checkKey, type CheckRecord } from '../checks/catalogue/types.ts';
import { readSettings, SettingsError } from '../harness/config/settings.ts';
import { loadBaseline } from '../harness/run/baseline.ts';
import { decide, WHOLE_PROFILE } from '../harness/run/gate.ts';
import { exitCodeOf } from '../harness/run/exit-codes.ts';
import { renderConsole, summarize, type Summary } from '../harness/report/summary.ts';
import { writeJunit } from '../harness/report/junit.ts';
import { generateAllureReport, reportName } from '../harness/report/allure.ts';
import { CONTRACT_FILE, contractText, isContract, type Contract } from '../harness/contract/contract.ts';
import { mergeContracts } from '../harness/contract/merge.ts';
import { COVERAGE_RESULT_NAME, openApiCoverageOf } from '../harness/contract/openapi-coverage.ts';
import { GATE_RESULT_NAME, writeCoverageResult, writeGateResult } from '../harness/report/allure-finish.ts';
import { commandFor } from '../harness/config/command-name.ts';
import { mergeThrottling } from '../harness/http/throttle.ts';

const say = (line: string) => console.log(`[merge] ${line}`);

class MergeError extends Error {}

function readShard(dir: string): { dir: string; summary: Summary; contract?: Contract } {
  const path = join(dir, 'summary.json');
  if (!existsSync(path)) throw new MergeError(`${dir} holds no summary.json (give the report folder of each shard)`);
  let summary: Summary;
  try {
    summary = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new MergeError(`${path} is not JSON: ${(e as Error).message.split('\n')[0]}`);
  }
  if (!Array.isArray(summary.checks)) throw new MergeError(`${path} is not a conformance summary`);
  const contractPath = join(dir, CONTRACT_FILE);
  const contract = existsSync(contractPath) ? JSON.parse(readFileSync(contractPath, 'utf8')) : undefined;
  return { dir, summary, contract: isContract(contract) ? contract : undefined };
}

/** Which shards of how many: every one of 1..n exactly once, else the merged result proves less than it seems. */
function shardProblems(shards: Array<{ dir: string; summary: Summary }>): string[] {
  const totals = new Set(shards.map((s) => s.summary.selection?.shard?.total ?? 1));
  if (totals.size > 1) return [`the folders are shards of different splits (${[...totals].join(', ')})`];
  const total = [...totals][0]!;
  const seen = new Map<number, string>();
  const problems: string[] = [];
  for (const s of shards) {
    const current = s.summary.selection?.shard?.current ?? 1;
    if (seen.has(current)) problems.push(`shard ${current}/${total} is given twice (${seen.get(current)} and ${s.dir})`);
    seen.set(current, s.dir);
  }
  for (let i = 1; i <= total; i++) if (!seen.has(i)) problems.push(`shard ${i}/${total} is missing`);
  return problems;
}

/** The worst first: a check recorded by more than one shard (a per-request rule judged in several) counts once, by its worst verdict. */
const WORST = ['failed', 'blocked', 'warning', 'known', 'skipped', 'excused', 'fixed', 'passed'];
function onePerCheck(all: CheckRecord[]): CheckRecord[] {
  const byKey = new Map<string, CheckRecord>();
  for (const c of all) {
    const had = byKey.get(checkKey(c));
    if (!had || WORST.indexOf(c.status) < WORST.indexOf(had.status)) byKey.set(checkKey(c), c);
  }
  return [...byKey.values()];
}

async function main(): Promise<number> {
  const dirs = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  if (!dirs.length)
    throw new MergeError(`name the report folders of the shards: ${commandFor('merge', 'reports/shard-1-of-3 reports/shard-2-of-3 …')}`);
  const shards = dirs.map(readShard);
  const env = process.env;
  const out = env.OIDC_REPORTS_DIR?.trim() || 'reports';
  const settings = readSettings({
    ...env,
    OIDC_BASE_URL: env.OIDC_BASE_URL?.trim() || shards[0]!.summary.target.baseUrl,
    OIDC_REPORTS_DIR: out,
  });
  const baseline = loadBaseline(settings.baselinePath);

  const checks = onePerCheck(shards.flatMap((s) => s.summary.checks));
  const keys = new Set(checks.map(checkKey));
  const problems = shardProblems(shards);
  // The shards' own scope (a plan, a declared selection) is the merged run's; every one of its checks must be there.
  const scopes = shards.map((s) => s.summary.selection);
  const missing = ALL_CHECKS.filter((d) => !keys.has(checkKey(d))).length;
  const judges = scopes[0]?.judges ?? WHOLE_PROFILE;
  const expected = judges === WHOLE_PROFILE ? ALL_CHECKS.length : (scopes[0]?.expected ?? 0);
  const narrowedBy = [
    ...problems,
    ...(judges === WHOLE_PROFILE && missing ? [`${missing} check(s) of the profile are in no shard`] : []),
    ...(judges !== WHOLE_PROFILE && keys.size < expected ? [`${expected - keys.size} check(s) of ${judges} are in no shard`] : []),
    ...new Set(scopes.flatMap((s) => s?.narrowedBy ?? []).filter((n) => !n.startsWith('shard '))),
  ];
  const selection = {
    complete: narrowedBy.length === 0,
    interrupted: scopes.some((s) => s?.interrupted),
    narrowedBy,
    judges,
    expected,
  };
  const gate = decide(checks, { baseline, lenient: settings.lenientGate, scope: selection });
  const first = shards[0]!.summary;
  const contracts = shards.map((s) => s.contract).filter((c): c is Contract => c !== undefined);
  const contract = contracts.length === shards.length ? mergeContracts(contracts) : undefined;
  // OIDC_OPENAPI, as the shards were given it: the document's coverage by the merged contract, not by any one shard's.
  const openapiCoverage =
    settings.openapi && contract ? await openApiCoverageOf(settings.openapi, settings.timeoutMs, contract) : undefined;
  // Each shard met its own throttling: the merged run met all of it.
  const throttling = mergeThrottling(shards.map((s) => s.summary.throttling));
  const summary = summarize(checks, {
    target: first.target,
    harnessVersion: first.harnessVersion,
    startedAt: shards.map((s) => s.summary.startedAt).sort()[0]!,
    // The shards ran side by side: the merged run took as long as its longest shard.
    durationMs: Math.max(...shards.map((s) => s.summary.durationMs)),
    selection,
    gate,
    ...(openapiCoverage ? { openapiCoverage } : {}),
    ...(throttling ? { throttling } : {}),
  });

  mkdirSync(out, { recursive: true });
  for (const d of ['allure-results', 'allure-report']) rmSync(join(out, d), { recursive: true, force: true });
  writeFileSync(join(out, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
  writeJunit(join(out, 'junit.xml'), summary);
  if (contract) writeFileSync(join(out, CONTRACT_FILE), contractText(contract));
  else say(`not every shard has a ${CONTRACT_FILE}: none written`);
  // The shards' results are already finished (bin/conformance.ts): the report is made from all of them at once.
  const results = join(out, 'allure-results');
  mkdirSync(results, { recursive: true });
  for (const s of shards) {
    const from = join(s.dir, 'allure-results');
    if (!existsSync(from)) continue;
    for (const f of readdirSync(from)) {
      // Each shard's document coverage saw only its own part: the merged one replaces them.
      // Each shard's document coverage and gate saw only its own part: the merged ones replace them.
      if (
        f.endsWith('-result.json') &&
        [COVERAGE_RESULT_NAME, GATE_RESULT_NAME].includes(JSON.parse(readFileSync(join(from, f), 'utf8')).name)
      )
        continue;
      cpSync(join(from, f), join(results, f), { recursive: true });
    }
  }
  if (openapiCoverage) writeCoverageResult(results, openapiCoverage);
  writeGateResult(results, summary);
  if (env.OIDC_HTML_REPORT !== '0') {
    const report = await generateAllureReport(
      results,
      join(out, 'allure-report'),
      reportName(summary.target.baseUrl, summary),
      settings.historyPath,
    );
    say(report.ok ? `HTML report: ${relative(process.cwd(), report.index)}` : `the HTML report could not be generated: ${report.error}`);
  }
  console.log(renderConsole(summary));
  say(`merged ${shards.length} shard(s) into ${out}: summary.json, junit.xml${contract ? `, ${CONTRACT_FILE}` : ''}`);
  return exitCodeOf(gate, selection.interrupted);
}

try {
  process.exitCode = await main();
} catch (e) {
  if (!(e instanceof MergeError) && !(e instanceof SettingsError)) throw e;
  console.error(`[merge] ${e.message}`);
  process.exitCode = 2;
}
