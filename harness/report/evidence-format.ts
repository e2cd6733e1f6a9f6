// How a check's exchange texts travel from the worker to the report: one runtime annotation per check, a JSON list in
// the order the exchanges were made (fixtures/evidence.ts writes it). The test runner's Allure writer turns each entry
// into a step of the check's result with its own attachment (harness/report/place-evidence.ts); the summary reporter
// counts them and merges their shapes into the observed contract. No step or attachment of Playwright's per exchange:
// those cost a stack capture, two messages to the test runner and a file each, on a run of a few thousand exchanges.
import type { ExchangeShape } from '../contract/shape.ts';

/** The annotation type that carries a check's evidence (taken out of the result before any other reporter sees it). */
export const EXCHANGES_ANNOTATION = 'oidc-harness-exchanges';
/** The name each exchange's attachment has in the report when its title is empty. */
export const EXCHANGE_ATTACHMENT = 'HTTP exchange';

export interface ExchangeEvidence {
  /** The step's title: the request and its status. */
  title: string;
  /** The masked transcript and curl command. */
  text: string;
  /** When it was attached (ms since the epoch): where its step goes among the check's other steps. */
  at: number;
  /** The titles of the named steps it was made in, outermost first (fixtures/evidence.ts namedStep). */
  path?: string[];
  /** What the exchange says about the provider's contract, without values (harness/contract/shape.ts; the reporter merges them into contract.json). */
  shape?: ExchangeShape;
  /**
   * Made by another check: a shared scenario's exchanges, shown as one step in the evidence of each other check that
   * judges it (counted once, by the check that made them); `shapes` are theirs.
   */
  replayed?: true;
  shapes?: ExchangeShape[];
}

type Annotation = { type: string; description?: string };
/** Parsed once: the summary reporter and the Allure reporter read the same annotation in the test runner's one process. */
const parsed = new WeakMap<Annotation, ExchangeEvidence[]>();

/** A check's evidence, from its annotations (empty when it has none). */
export function evidenceOf(annotations: readonly Annotation[]): ExchangeEvidence[] {
  return annotations
    .filter((a) => a.type === EXCHANGES_ANNOTATION && a.description)
    .flatMap((a) => {
      let evidence = parsed.get(a);
      if (!evidence) parsed.set(a, (evidence = JSON.parse(a.description!) as ExchangeEvidence[]));
      return evidence;
    });
}
