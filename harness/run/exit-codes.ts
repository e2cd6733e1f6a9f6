// The exit codes of a conformance run and of a merge, documented in the README's gate section.
import type { GateVerdict } from './gate.ts';

export const EXIT = {
  /** The gate passed. */
  passed: 0,
  /** The gate failed: a check failed, a block no failure explains, a MUST/ORY check that did not run, a baseline's check gone. */
  failed: 1,
  /** A setting or the target is wrong (one line says which). */
  badInput: 2,
  /** Not decided: a partial run (narrowed, one shard alone) that was not declared the gate. */
  notDecided: 4,
  /** Not decided: the run was interrupted (Ctrl-C; 128 + SIGINT). */
  interrupted: 130,
} as const;

export function exitCodeOf(gate: Pick<GateVerdict, 'verdict'>, interrupted: boolean): number {
  if (gate.verdict === 'passed') return EXIT.passed;
  if (gate.verdict === 'failed') return EXIT.failed;
  return interrupted ? EXIT.interrupted : EXIT.notDecided;
}
