// Progress while a run goes on, in the reporter that writes the summary (always there; --reporter adds others). On a
// terminal: a counter on one line, and a line for each check that did not pass; elsewhere (CI logs): one line per
// finished check, its id, request and verdict (a failure with its finding). A batch of defect variants prints its
// share done every tenth. OIDC_PROGRESS=lines|counter|off chooses.
import type { CheckRecord } from '../../checks/catalogue/types.ts';
import { columnOf } from './summary.ts';

export type ProgressMode = 'lines' | 'counter' | 'tenths' | 'off';

export function progressMode(batch: boolean, env: Record<string, string | undefined> = process.env): ProgressMode {
  const raw = env.OIDC_PROGRESS?.trim();
  if (raw === 'lines' || raw === 'counter' || raw === 'off') return raw;
  if (batch) return 'tenths';
  return process.stdout.isTTY ? 'counter' : 'lines';
}

const WORD: Record<string, string> = {
  passed: 'passed',
  failed: 'FAILED',
  blocked: 'blocked',
  warned: 'warning',
  drift: 'drift',
  known: 'known',
  fixed: 'FIXED',
  excused: 'excused',
  skipped: 'did not run',
  outsideProfile: 'n/a',
};

export class Progress {
  private done = 0;
  private failed = 0;
  private lastTenth = 0;
  private counterShown = false;

  constructor(
    private readonly mode: ProgressMode,
    private readonly total: number,
    private readonly out: (text: string) => void = (t) => process.stdout.write(t),
  ) {}

  /** One check finished with this verdict. */
  check(r: CheckRecord): void {
    this.done++;
    if (r.status === 'failed') this.failed++;
    const col = columnOf(r);
    const line = `[${String(this.done).padStart(String(this.total).length)}/${this.total}] ${WORD[col]!.padEnd(11)} ${r.id} ${r.request}${r.status === 'failed' || r.status === 'warning' ? ` {${r.finding ?? r.cause}}` : ''}${r.status === 'blocked' ? ` (by ${r.blockedBy?.join(', ')})` : ''}`;
    if (this.mode === 'lines') this.out(`${line}\n`);
    else if (this.mode === 'counter') {
      const notable = col !== 'passed' && col !== 'outsideProfile' && col !== 'excused';
      this.out(`\r\u001b[2K${notable ? `${line}\n` : ''}[conformance] ${this.done}/${this.total} checks done, ${this.failed} failed`);
      this.counterShown = true;
    } else if (this.mode === 'tenths') {
      const tenth = Math.floor((10 * this.done) / Math.max(1, this.total));
      if (tenth > this.lastTenth) {
        this.lastTenth = tenth;
        this.out(`[conformance] ${this.done}/${this.total} checks done (${tenth * 10} %)\n`);
      }
    }
  }

  /** Before the summary: end the counter's line. */
  end(): void {
    if (this.counterShown) this.out('\n');
    this.counterShown = false;
  }
}
