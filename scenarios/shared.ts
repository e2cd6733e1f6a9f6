// A scenario whose outcome several checks judge, each by its own rule (one back-channel logout and the tokens it
// delivered, say): it runs once per worker and target, and every check that judges it carries its exchanges as
// evidence. No check depends on another's verdict or order: whichever check comes first runs the scenario, and a
// check run alone (`-g ID`) runs it itself. The scenario must not need anything the first check's fixtures tear
// down afterwards (its clients are deleted when that check ends): it is judged by what it left, not used again.
import { test } from '@playwright/test';
import { inScenario, SCENARIO_ANNOTATION } from '../harness/run/trace.ts';
import type { Exchange } from '../harness/http/exchange.ts';
import { attachReplayed, exchangesOf } from '../fixtures/evidence.ts';
import { variants } from '../harness/run/variants.ts';

interface Outcome {
  value?: unknown;
  error?: unknown;
  failed: boolean;
  exchanges: Exchange[];
  /** The check that ran it, named in the evidence of the others. */
  by: string;
}

const runs = new Map<string, Promise<Outcome>>();

export async function sharedScenario<T>(name: string, target: string, run: () => Promise<T>): Promise<T> {
  const key = `${name} ${target}`;
  const info = test.info();
  info.annotations.push({ type: SCENARIO_ANNOTATION, description: name });
  let outcome = runs.get(key);
  const mine = !outcome;
  if (!outcome) {
    const before = exchangesOf(info).length;
    const made = () => exchangesOf(info).slice(before);
    const by = info.title.split(':')[0]!;
    // Its outcome reaches every check that judges it, whatever suite it is in.
    outcome = inScenario(name, run).then(
      (value): Outcome => ({ value, failed: false, exchanges: made(), by }),
      (error: unknown): Outcome => ({ error, failed: true, exchanges: made(), by }),
    );
    runs.set(key, outcome);
  }
  const o = await outcome;
  if (!mine) await attachReplayed(o.exchanges, name, o.by);
  if (o.failed) throw o.error;
  return o.value as T;
}

/**
 * Call inside the describe of checks that judge one shared scenario: they run in one worker, one after the other, so
 * the scenario runs once in the run instead of once in every worker that happens to get one of them (with eight
 * workers for a remote provider, up to seven browser logouts where one is judged). A check that fails does not stop
 * the others: Playwright goes on in a new worker, which runs the scenario again. A batch of variants keeps its checks
 * spread over the workers: each variant has a scenario of its own, and one worker for all of them would be the
 * batch's longest path.
 */
export function judgedTogether(): void {
  if (!variants().length) test.describe.configure({ mode: 'default' });
}
