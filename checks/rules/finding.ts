// A finding is the short, stable code of what a check found (`status:200`, `claim-missing:exp`,
// `schema:/audience:type`), produced by the rule that found it. Baselines key known deviations on it, so
// that a check that fails for a new reason is a new failure. Slugs of messages collide (two different
// failures that start with the same words), so they are not findings: a violation raised without a code
// gets `legacy:` and a slug, which the project's tests refuse (every rule must name its finding).
const VALUES = [
  /\[masked:[^\]]*\]/g, // masked secrets
  /"(?:[^"\\]|\\.)*"/g, // quoted strings and JSON values
  /\bhttps?:\/\/\S+/g, // URLs
  /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, // UUIDs
  /\b\d+(?:\.\d+)?\b/g, // numbers
  /\b(?:null|true|false|undefined|nothing)\b/g, // JSON words
];

export const LEGACY_FINDING = 'legacy:';

export function legacyFinding(message: string): string {
  let shape = message;
  for (const v of VALUES) shape = shape.replace(v, ' ');
  const words = shape.toLowerCase().match(/[a-z_][a-z0-9_]*/g) ?? [];
  return LEGACY_FINDING + (words.slice(0, 12).join('-') || 'violation');
}
