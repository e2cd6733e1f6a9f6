// How a check's exchange texts travel from the worker to the report: one attachment per check, a JSON
// list in the order of its exchange steps (fixtures/evidence.ts writes it, harness/report/allure.ts reads it).
import type { ExchangeShape } from '../contract/shape.ts';

export const EXCHANGES_ATTACHMENT = 'HTTP exchanges';
export const EXCHANGES_TYPE = 'application/vnd.oidc-harness.exchanges+json';
/** The name each exchange's attachment has in the report. */
export const EXCHANGE_ATTACHMENT = 'HTTP exchange';

export interface ExchangeEvidence {
  /** The step's title, as the step was named. */
  title: string;
  /** The masked transcript and curl command. */
  text: string;
  /** What the exchange says about the provider's contract, without values (harness/contract/shape.ts; the reporter merges them into contract.json). */
  shape?: ExchangeShape;
  /** Made by another check: a shared scenario's exchange in the evidence of each check that judges it (counted once). */
  replayed?: true;
}
