// A finding is the short, stable code of what a check found (`status:200`, `claim-missing:exp`,
// `schema:/audience:type`). Baselines key known deviations on it, so that a check that fails for
// a new reason is a new failure. Rules give one where they know it; otherwise it is the shape of
// the message: its words, without the values that vary from run to run.
const VALUES = [
  /\[masked:[^\]]*\]/g, // masked secrets
  /"(?:[^"\\]|\\.)*"/g, // quoted strings and JSON values
  /\bhttps?:\/\/\S+/g, // URLs
  /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, // UUIDs
  /\b\d+(?:\.\d+)?\b/g, // numbers
  /\b(?:null|true|false|undefined|nothing)\b/g, // JSON words
];

export function findingOf(message: string): string {
  let shape = message;
  for (const v of VALUES) shape = shape.replace(v, ' ');
  const words = shape.toLowerCase().match(/[a-z_][a-z0-9_]*/g) ?? [];
  return words.slice(0, 12).join('-') || 'violation';
}
