// The clause matrix's data: the normative requirements of each standard, section by section, each with
// the checks that judge it or the reason none does. docs/coverage.md is rendered from this (npm run coverage).

/** MUST covers MUST, MUST NOT, REQUIRED, SHALL (and declarative "the server returns …" the harness judges as binding); SHOULD covers SHOULD, SHOULD NOT, RECOMMENDED. */
export type Level = 'MUST' | 'SHOULD';

/**
 * Why no check is credited with a requirement. `unproved`: checks judge it, but no reference defect breaks it, so the
 * matrix does not claim it (the reason says what defect would, or what this deployment lacks for one to exist).
 */
export type NotCheckedKind = 'not-observable' | 'second-party' | 'out-of-scope' | 'client' | 'gap' | 'unproved';

export const NOT_CHECKED_KINDS: readonly NotCheckedKind[] = ['gap', 'unproved', 'client', 'out-of-scope', 'second-party', 'not-observable'];

export const KIND_LABEL: Readonly<Record<NotCheckedKind, string>> = {
  gap: 'gap: a check could close it',
  unproved: 'judged, but no reference defect proves it',
  client: 'a requirement on the client/RP, not the OP',
  'out-of-scope': "out of Hydra's scope",
  'second-party': 'needs a second provider or party',
  'not-observable': 'not observable from outside the provider',
};

export interface NotChecked {
  kind: NotCheckedKind;
  reason: string;
  /** `unproved`: the checks that judge the sentence, though no reference defect proves them for it. */
  checks?: readonly string[];
}

interface RequirementBase {
  level: Level;
  /** A paraphrase of one normative sentence, quoting its keyword. */
  text: string;
  /** A more precise anchor than the section's, when the standard has one. */
  url?: string;
}

/**
 * Judged by these check ids of the catalogue, and proved by reference defects that break this sentence and are caught:
 * by default every defect that one of the checks catches; `defects` names them instead when only some of those defects
 * break this sentence (a check that also judges other sentences, or one of several checks that is the proof).
 */
export interface CheckedRequirement extends RequirementBase {
  checks: readonly string[];
  defects?: readonly string[];
  /** The one request of its checks the sentence is about (`GET /oauth2/register/{id}`), where they judge several. */
  request?: string;
  notChecked?: never;
}
/** Judged by no check, for the reason given. */
export interface UncheckedRequirement extends RequirementBase {
  notChecked: NotChecked;
  checks?: never;
}
export type Requirement = CheckedRequirement | UncheckedRequirement;

export interface Section {
  /** "§3.1.2.1" */
  section: string;
  title: string;
  url: string;
  requirements: readonly Requirement[];
}

export interface Standard {
  /** Short stable key, e.g. "rfc7591". */
  key: string;
  /** How the Ory section and the summary name it, e.g. "RFC 7591". */
  short: string;
  name: string;
  url: string;
  /** Which text the sections and paraphrases follow (a version, errata set or draft). */
  edition: string;
  sections: readonly Section[];
}

/** One requirement with where it comes from: the flat, typed view of the matrix. */
export type LocatedRequirement = Requirement & { standard: string; section: string; url: string };

// ---- helpers that keep the data files short ----

/** Checks whose proof is named: the defects that break the sentence (each caught by one of the checks). */
export interface Proved {
  checks: readonly string[];
  defects?: readonly string[];
  request?: string;
}
type Judged = readonly string[] | Proved | NotChecked;

/** `checks` judge the sentence, and of their defects only `defects` break it. */
export const proved = (checks: readonly string[], ...defects: string[]): Proved => ({ checks, defects });
/** `checks` judge the sentence on `request` only: their defects on other requests do not break it. */
export const onRequest = (request: string, checks: readonly string[]): Proved => ({ checks, request });

function requirement(level: Level, text: string, judged: Judged, url?: string): Requirement {
  const at = url ? { url } : {};
  if (Array.isArray(judged)) return { level, text, checks: judged as readonly string[], ...at };
  if ('checks' in judged && !('kind' in judged)) {
    const p = judged as Proved;
    return {
      level,
      text,
      checks: p.checks,
      ...(p.defects ? { defects: p.defects } : {}),
      ...(p.request ? { request: p.request } : {}),
      ...at,
    };
  }
  return { level, text, notChecked: judged as NotChecked, ...at };
}

export const MUST = (text: string, judged: Judged, url?: string): Requirement => requirement('MUST', text, judged, url);
export const SHOULD = (text: string, judged: Judged, url?: string): Requirement => requirement('SHOULD', text, judged, url);

export const gap = (reason: string): NotChecked => ({ kind: 'gap', reason });
export const client = (reason = 'the client/RP does this; nothing the OP answers shows it'): NotChecked => ({ kind: 'client', reason });
export const outOfScope = (reason: string): NotChecked => ({ kind: 'out-of-scope', reason });
export const secondParty = (reason: string): NotChecked => ({ kind: 'second-party', reason });
export const unobservable = (reason: string): NotChecked => ({ kind: 'not-observable', reason });
/** `checks` judge the sentence, but no reference defect breaks it: `reason` says what defect would, or why none can. */
export const unproved = (reason: string, ...checks: string[]): NotChecked => ({ kind: 'unproved', reason, checks });

export function section(section: string, title: string, url: string, requirements: readonly Requirement[]): Section {
  return { section, title, url, requirements };
}

export function isChecked(r: Requirement): r is CheckedRequirement {
  return Array.isArray(r.checks) && r.checks.length > 0;
}

export function located(s: Standard): LocatedRequirement[] {
  return s.sections.flatMap((sec) =>
    sec.requirements.map((r) => ({ ...r, standard: s.name, section: sec.section, url: r.url ?? sec.url })),
  );
}
