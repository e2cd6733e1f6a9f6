// Generated registration bodies (json-schema-faker, seeded by OIDC_SEED, OIDC_FUZZ_CASES of each kind):
// no 5xx ever, valid bodies registered and read back as sent, invalid ones refused with an error body.
import { test } from '../fixtures/index.ts';
import { check } from '../fixtures/check.ts';
import { attachJson } from '../fixtures/evidence.ts';
import { FUZZ } from '../checks/catalogue/registration-fuzz.ts';
import { fuzzCases, type FuzzCase } from '../checks/rules/fuzz-bodies.ts';
import { must, notApplicable, blocked } from '../checks/rules/verdict.ts';
import { echoProblems } from '../checks/rules/client-metadata.ts';
import { manage } from '../scenarios/registration.ts';
import { formatProblems, validateAgainst } from '../harness/schema/validator.ts';
import type { CheckFixtures } from '../fixtures/check.ts';
import type { RegisteredClient } from '../fixtures/clients.ts';
import { inParallel } from '../harness/http/concurrency.ts';
import { judgedTogether, sharedScenario } from '../scenarios/shared.ts';
import type { HttpResponse } from '../harness/http/client.ts';

interface Outcome {
  c: FuzzCase;
  res: HttpResponse;
  client?: RegisteredClient;
}

const SCENARIO = 'generated registrations';

/**
 * Every generated case registered: once per worker, as many at once as OIDC_IN_FLIGHT lets through, and judged by
 * every check here (each with its exchanges, scenarios/shared.ts). The clients stay until the worker ends, for
 * REG-FUZZ-VALID-READ-BACK to read them. The seed goes in each check's report.
 */
async function outcomes(fx: CheckFixtures, which: (c: FuzzCase) => boolean = () => true): Promise<{ out: Outcome[]; replay: string }> {
  const { clients, settings } = fx;
  clients.requireRegistration();
  if (settings.fuzzCases === 0) notApplicable('OIDC_FUZZ_CASES is 0');
  await attachJson('fuzz seed', {
    seed: settings.seed,
    cases: settings.fuzzCases,
    replay: `OIDC_SEED=${settings.seed} OIDC_FUZZ_CASES=${settings.fuzzCases}`,
  });
  const all = await sharedScenario(SCENARIO, settings.baseUrl, async () => {
    const cases = await fuzzCases(settings.seed, settings.fuzzCases);
    const out: Outcome[] = await inParallel(cases, settings.network.inFlight, async (c) => ({ c, ...(await clients.register(c.body)) }));
    for (const { client } of out) if (client) clients.keep(client, SCENARIO);
    return out;
  });
  return {
    out: all.filter((o) => which(o.c)),
    replay: `seed ${settings.seed}, ${settings.fuzzCases} cases; replay with OIDC_SEED=${settings.seed} OIDC_FUZZ_CASES=${settings.fuzzCases}`,
  };
}

const is5xx = (o: Outcome) => o.res.status >= 500;
const is4xx = (o: Outcome) => o.res.status >= 400 && o.res.status < 500;
const line = (o: Outcome, note = '') => `${o.c.name}: HTTP ${o.res.status}${o.res.json?.error ? ` (${o.res.json.error})` : ''}${note}`;

/** `finding` names the failing cases (by their kind: valid/invalid and number), stable for a seed. */
function verdict(problems: string[], what: string, replay: string, finding: string): void {
  must(problems.length === 0, `${problems.length} ${what} [${replay}]: ${problems.join('; ')}`, {
    finding: `${finding}:${problems.map((p) => p.replace(/^(\w+ #\d+).*$/, '$1').replace(' #', '#')).join(',')}`,
    expected: 'none',
    actual: problems,
  });
}

test.describe('createOidcDynamicClient: POST /oauth2/register (generated bodies)', () => {
  judgedTogether();

  check(FUZZ.NO_5XX, async (fx) => {
    const { out, replay } = await outcomes(fx);
    verdict(
      out.filter(is5xx).map((o) => line(o)),
      'generated bodies got a server error',
      replay,
      'server-error',
    );
  });

  check(FUZZ.VALID_ACCEPTED, async (fx) => {
    const { out, replay } = await outcomes(fx, (c) => c.valid);
    // A 5xx is REG-FUZZ-NO-5XX's finding; this rule judges the answers the server meant to give.
    // The exact success status is REG-CREATE-STATUS-201's rule.
    verdict(
      out.filter((o) => !is5xx(o) && !o.client).map((o) => line(o)),
      'valid bodies were not registered',
      replay,
      'not-registered',
    );
  });

  check(FUZZ.VALID_READ_BACK, async (fx) => {
    const { out, replay } = await outcomes(fx, (c) => c.valid);
    if (!out.some((o) => o.client)) blocked('no generated body was registered', 'REG-FUZZ-VALID-ACCEPTED', 'none-registered');
    const registered = out.filter((o) => o.client?.token);
    if (!registered.length)
      blocked('no registered client came with a registration access token to read it back', 'REG-CREATE-RAT', 'rat-missing');
    const reads = await inParallel(registered, fx.settings.network.inFlight, (o) =>
      manage(fx.http, o.client!, 'GET', { bearer: o.client!.token }),
    );
    const problems: string[] = [];
    let read = 0;
    registered.forEach((o, i) => {
      const res = reads[i]!;
      if (res.status !== 200) return; // REG-READ-STATUS-200 judges reads
      read++;
      const diff = echoProblems(o.c.body, res.json);
      if (diff.length) problems.push(`${o.c.name}: ${diff.join(', ')}`);
    });
    if (!read) blocked('no registered body could be read back', 'REG-READ-STATUS-200', 'none-read');
    verdict(problems, 'registered bodies did not read back as sent', replay, 'not-read-back');
  });

  check(FUZZ.INVALID_REFUSED, async (fx) => {
    const { out, replay } = await outcomes(fx, (c) => !c.valid);
    verdict(
      out.filter((o) => !is5xx(o) && !is4xx(o)).map((o) => line(o, o.client ? ` — registered as ${o.client.clientId}` : '')),
      'invalid bodies were not refused',
      replay,
      'not-refused',
    );
  });

  check(FUZZ.ERROR_BODY, async (fx) => {
    const { out, replay } = await outcomes(fx);
    const refused = out.filter(is4xx);
    if (!refused.length) blocked('no generated body was refused', 'REG-FUZZ-INVALID-REFUSED', 'none-refused');
    const problems = refused.flatMap((o) => {
      if (o.res.json === undefined) return [`${o.c.name}: the body is not JSON`];
      const p = validateAgainst('error', o.res.json);
      return p.length ? [`${o.c.name}: ${formatProblems(p)}`] : [];
    });
    verdict(problems, 'refusals without a valid error body', replay, 'error-body');
  });
});
