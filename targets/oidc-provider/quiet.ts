// oidc-provider prints development notices through console.warn/info (Node 20 is below its
// supported runtime, in-memory storage, ...). They say nothing about conformance, so while the
// target runs they are counted instead of printed.
const PREFIX = /^(\u001b\[[0-9;]*m)?oidc-provider (WARNING|NOTICE): /;

export interface Muted { readonly lines: string[]; restore(): void }

export function muteProviderNotices(): Muted {
  const { warn, info } = console;
  const lines: string[] = [];
  const filter = (original: (...a: unknown[]) => void) => (...args: unknown[]) => {
    if (typeof args[0] === 'string' && PREFIX.test(args[0])) lines.push(args[0].replace(PREFIX, '').replace(/\u001b\[[0-9;]*m/g, ''));
    else original.apply(console, args);
  };
  console.warn = filter(warn);
  console.info = filter(info);
  return { lines, restore() { console.warn = warn; console.info = info; } };
}
