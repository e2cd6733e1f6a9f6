// The command the user has, for messages that tell them what to type: `oidc-conformance compare A B` after
// `npm install`, `npm run compare -- A B` in this repository (where the package's scripts exist).

/** Set by bin/oidc-conformance.ts; inherited by everything it starts. */
export const INVOKED_AS = 'OIDC_INVOKED_AS';

const SCRIPTS = { run: 'conformance', baseline: 'baseline', compare: 'compare', merge: 'merge', reference: 'reference' } as const;
export type Subcommand = keyof typeof SCRIPTS;

export const installed = (): boolean => process.env[INVOKED_AS] === 'oidc-conformance';

/** How to type `sub` with `args`: `oidc-conformance merge DIR…` or `npm run merge -- DIR…`. */
export function commandFor(sub: Subcommand, args = ''): string {
  if (installed()) return ['oidc-conformance', sub === 'run' ? '' : sub, args].filter(Boolean).join(' ');
  return `npm run ${SCRIPTS[sub]}${args ? ` -- ${args}` : ''}`;
}
