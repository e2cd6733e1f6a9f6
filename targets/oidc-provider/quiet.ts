// oidc-provider prints development notices through console.warn/info (Node 20 is below its
// supported runtime, in-memory storage, ...). They say nothing about conformance, so while the
// target runs they are counted instead of printed.
import { stripVTControlCharacters } from 'node:util';

const PREFIX = /^oidc-provider (WARNING|NOTICE): /;

export interface Muted {
  readonly lines: string[];
  restore(): void;
}

export function muteProviderNotices(): Muted {
  const { warn, info } = console;
  const lines: string[] = [];
  const filter =
    (original: (...a: unknown[]) => void) =>
    (...args: unknown[]) => {
      const text = typeof args[0] === 'string' ? stripVTControlCharacters(args[0]) : undefined;
      if (text !== undefined && PREFIX.test(text)) lines.push(text.replace(PREFIX, ''));
      else original.apply(console, args);
    };
  console.warn = filter(warn);
  console.info = filter(info);
  return {
    lines,
    restore() {
      console.warn = warn;
      console.info = info;
    },
  };
}
