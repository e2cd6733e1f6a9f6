// A check's exchanges travel from its worker as one attachment (fixtures/evidence.ts: one message to the test runner
// instead of one per exchange); the report shows each on its own step, named by its request and status. The test
// runner's Allure writer spreads them as each result is written, during the run (harness/report/allure-reporter.ts);
// finishing the results after the run spreads any it did not (harness/report/allure-finish.ts).
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { EXCHANGE_ATTACHMENT, EXCHANGES_ATTACHMENT, type ExchangeEvidence } from './evidence-format.ts';

export interface AllureAttachment {
  name: string;
  source: string;
  type: string;
}
export interface AllureStep {
  name: string;
  steps?: AllureStep[];
  attachments?: AllureAttachment[];
}

/** An exchange's attachment is named by its request and status (the step's title), not one name for all. */
const attachmentName = (title: string) => (title.length > 120 ? `${title.slice(0, 117)}…` : title) || EXCHANGE_ATTACHMENT;

/**
 * Give each exchange step of result `r` its own attachment again, from the check's one evidence attachment; `r` is
 * changed in place. A batch whose file is not there is left for later (`later`: the test runner's writer), or dropped.
 */
export function spreadEvidence(resultsDir: string, r: AllureStep, later = false): void {
  const isBatch = (a: AllureAttachment) => a.name === EXCHANGES_ATTACHMENT;
  const find = (step: AllureStep): AllureAttachment | undefined => step.attachments?.find(isBatch) ?? step.steps?.map(find).find(Boolean);
  const batch = find(r);
  if (!batch) return;
  const file = join(resultsDir, batch.source);
  const written = existsSync(file);
  if (!written && later) return;
  // Playwright wraps an attachment in a step of its own name: take the batch out, with its step.
  const take = (step: AllureStep) => {
    step.attachments &&= step.attachments.filter((a) => !isBatch(a));
    step.steps &&= step.steps.filter((s) => !(s.name === EXCHANGES_ATTACHMENT && s.attachments?.some(isBatch)));
    step.steps?.forEach(take);
  };
  take(r);
  const queue: ExchangeEvidence[] = written ? JSON.parse(readFileSync(file, 'utf8')) : [];
  rmSync(file, { force: true });
  const visit = (step: AllureStep) => {
    for (const s of step.steps ?? []) {
      if (queue[0] && s.name === queue[0].title) {
        const source = `${randomUUID()}-attachment.txt`;
        writeFileSync(join(resultsDir, source), queue.shift()!.text);
        (s.attachments ??= []).push({ name: attachmentName(s.name), source, type: 'text/plain' });
      }
      visit(s);
    }
  };
  visit(r);
}
