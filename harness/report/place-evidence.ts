// A check's exchanges travel from its worker as one annotation (fixtures/evidence.ts: no step or message of
// Playwright's per exchange); the report shows each on a step of its own, named by its request and status, with its
// transcript attached, in the order it was made among the check's other steps and inside the named step it was made in
// (a sign-in, a browser flow). The test runner's Allure writer places them as it writes each result, during the run
// (harness/report/allure-reporter.ts).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { EXCHANGE_ATTACHMENT, type ExchangeEvidence } from './evidence-format.ts';

export interface AllureAttachment {
  name: string;
  source: string;
  type: string;
}
export interface AllureStep {
  name: string;
  start?: number;
  stop?: number;
  steps?: AllureStep[];
  attachments?: AllureAttachment[];
}

/** An exchange's attachment is named by its request and status (the step's title), not one name for all. */
const attachmentName = (title: string) => (title.length > 120 ? `${title.slice(0, 117)}…` : title) || EXCHANGE_ATTACHMENT;

/** The step an exchange made at `at` inside the named steps `path` belongs in: the latest of that name begun by then. */
function parentOf(r: AllureStep, e: ExchangeEvidence): AllureStep {
  let parent = r;
  for (const title of e.path ?? []) {
    const within = parent.steps?.filter((s) => s.name === title && (s.start ?? 0) <= e.at).at(-1);
    if (!within) break;
    parent = within;
  }
  return parent;
}

/** Give result `r` (changed in place) a step for each exchange of its evidence, with the exchange's text as its attachment. */
export function placeEvidence(resultsDir: string, r: AllureStep, evidence: readonly ExchangeEvidence[]): void {
  for (const e of evidence) {
    const source = `${randomUUID()}-attachment.txt`;
    writeFileSync(join(resultsDir, source), e.text);
    const step = {
      name: e.title,
      status: 'passed',
      statusDetails: {},
      stage: 'finished',
      start: e.at,
      stop: e.at,
      steps: [],
      parameters: [],
      attachments: [{ name: attachmentName(e.title), source, type: 'text/plain' }],
    };
    const siblings = (parentOf(r, e).steps ??= []);
    const after = siblings.findIndex((s) => (s.start ?? 0) > e.at);
    siblings.splice(after < 0 ? siblings.length : after, 0, step);
  }
}
