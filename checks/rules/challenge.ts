// The syntax of a WWW-Authenticate challenge (RFC 7235 §2.1, §4.1) and what RFC 6750 §3 asks of a Bearer one: one or
// more auth-params where an error is given, realm/scope/error/error_description/error_uri at most once each, and their
// values within the characters §3 allows.
import type { HttpResponse } from '../../harness/http/client.ts';
import { blocked, must } from './verdict.ts';

export interface Challenge {
  scheme: string;
  /** The auth-params in order, names lower-cased, values unquoted. */
  params: Array<[string, string]>;
  token68?: string;
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+/;
const TOKEN68 = /^[A-Za-z0-9\-._~+/]+=*/;
const OWS = /^[ \t]*/;

/** A quoted-string at the start of `s` (its unescaped value and length), or undefined. */
function quoted(s: string): { value: string; length: number } | undefined {
  if (s[0] !== '"') return undefined;
  let value = '';
  for (let i = 1; i < s.length; i++) {
    const c = s[i]!;
    if (c === '"') return { value, length: i + 1 };
    if (c === '\\') {
      if (i + 1 >= s.length) return undefined;
      value += s[++i];
    } else if (c < ' ' && c !== '\t') return undefined;
    else value += c;
  }
  return undefined;
}

/** `name BWS "=" BWS (token / quoted-string)` at the start of `s`, or undefined. */
function authParam(s: string): { name: string; value: string; length: number } | undefined {
  const name = TOKEN.exec(s)?.[0];
  if (!name) return undefined;
  let at = name.length + OWS.exec(s.slice(name.length))![0].length;
  if (s[at] !== '=') return undefined;
  at += 1 + OWS.exec(s.slice(at + 1))![0].length;
  const rest = s.slice(at);
  const q = quoted(rest);
  if (q) return { name: name.toLowerCase(), value: q.value, length: at + q.length };
  const t = TOKEN.exec(rest)?.[0];
  return t ? { name: name.toLowerCase(), value: t, length: at + t.length } : undefined;
}

/** Every challenge of a WWW-Authenticate value (several headers joined by commas), or undefined when it does not parse. */
export function parseChallenges(header: string): Challenge[] | undefined {
  const out: Challenge[] = [];
  let s = header;
  const skipSeparators = () => void (s = s.replace(/^[ \t,]*/, ''));
  skipSeparators();
  while (s !== '') {
    const scheme = TOKEN.exec(s)?.[0];
    if (!scheme) return undefined;
    s = s.slice(scheme.length);
    const challenge: Challenge = { scheme, params: [] };
    out.push(challenge);
    if (!/^ +/.test(s)) {
      if (s !== '' && !/^[ \t]*,/.test(s)) return undefined;
      skipSeparators();
      continue;
    }
    s = s.replace(/^ +/, '');
    const t68 = TOKEN68.exec(s)?.[0];
    if (t68 && !authParam(s) && /^[ \t]*(,|$)/.test(s.slice(t68.length))) {
      challenge.token68 = t68;
      s = s.slice(t68.length);
      skipSeparators();
      continue;
    }
    // #auth-param: params until what follows a comma is a new challenge (a token not followed by "=").
    for (;;) {
      const p = authParam(s);
      if (!p) break;
      challenge.params.push([p.name, p.value]);
      s = s.slice(p.length).replace(OWS, '');
      if (s === '') break;
      if (s[0] !== ',') return undefined;
      s = s.replace(/^[ \t,]*/, '');
      if (!authParam(s)) break;
    }
    if (s !== '' && !TOKEN.test(s)) return undefined;
  }
  return out;
}

/** The attributes RFC 6750 §3 defines, each at most once; and the characters each value may use. */
const NQSCHAR = /^[\x20\x21\x23-\x5B\x5D-\x7E]+$/;
const NQCHAR = /^[\x21\x23-\x5B\x5D-\x7E]+$/;
const ALLOWED: Readonly<Record<string, (v: string) => boolean>> = {
  realm: () => true,
  error: (v) => NQSCHAR.test(v),
  error_description: (v) => NQSCHAR.test(v),
  error_uri: (v) => v === '' || NQCHAR.test(v),
  scope: (v) => v.split(' ').every((s) => NQCHAR.test(s)),
};

/**
 * RFC 6750 §3 on the Bearer challenge of each refusal: it parses (finding `challenge-unparsable`), has at least one
 * auth-param when the refusal gives an error (`withError`; finding `challenge-no-params`), names none of realm, scope,
 * error, error_description and error_uri twice (`challenge-repeated:<name>`), and their values keep to §3's characters
 * (`challenge-chars:<name>`). A refusal without a Bearer challenge is left to `challengeCheck`, the check that requires
 * one: it explains the block when no refusal that gives an error carried one (nothing then shows the auth-param rule);
 * a request that was not refused at all is left to its `root`, the check that requires the refusal.
 */
export function mustBeWellFormedBearerChallenges(
  refusals: ReadonlyArray<{ what: string; res: HttpResponse; withError: boolean; root?: string }>,
  challengeCheck: string,
): void {
  let judged = 0;
  for (const { what, res, withError } of refusals) {
    const header = res.header('www-authenticate');
    if (header === undefined) continue;
    const challenges = parseChallenges(header);
    must(challenges !== undefined, `${what}: WWW-Authenticate ${JSON.stringify(header)} is not a list of challenges (RFC 7235 §4.1)`, {
      finding: 'challenge-unparsable',
      expected: 'challenge = auth-scheme [ 1*SP ( token68 / #auth-param ) ]',
      actual: header,
    });
    const bearer = challenges.find((c) => c.scheme.toLowerCase() === 'bearer');
    if (!bearer) continue;
    if (withError) judged++;
    must(!withError || bearer.params.length > 0, `${what}: the Bearer challenge ${JSON.stringify(header)} has no auth-param`, {
      finding: 'challenge-no-params',
      expected: 'Bearer followed by one or more auth-params (error="…")',
      actual: header,
    });
    const names = bearer.params.map(([n]) => n).filter((n) => n in ALLOWED);
    const repeated = names.find((n, i) => names.indexOf(n) !== i);
    must(repeated === undefined, `${what}: the Bearer challenge names ${repeated} more than once: ${JSON.stringify(header)}`, {
      finding: `challenge-repeated:${repeated}`,
      expected: 'each of realm, scope, error, error_description, error_uri at most once',
      actual: header,
    });
    const off = bearer.params.find(([n, v]) => n in ALLOWED && !ALLOWED[n]!(v));
    must(
      off === undefined,
      `${what}: the Bearer challenge's ${off?.[0]} uses characters RFC 6750 §3 does not allow: ${JSON.stringify(off?.[1])}`,
      {
        finding: `challenge-chars:${off?.[0]}`,
        expected: 'printable ASCII without " and \\ (scope and error_uri: without space either)',
        actual: off?.[1],
      },
    );
  }
  if (!judged)
    blocked(
      `no refusal of a token carried a Bearer challenge (${refusals.map(({ what, res }) => `${what}: HTTP ${res.status}`).join('; ')})`,
      [challengeCheck, ...refusals.filter(({ res, root }) => root && res.status !== 401).map(({ root }) => root!)],
    );
}
