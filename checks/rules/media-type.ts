// What a response says it is (RFC 9110 §8.3): the media type of its Content-Type, parameters aside.
import type { HttpResponse } from '../../harness/http/client.ts';
import { must } from './verdict.ts';

/** The type/subtype of Content-Type, lower-cased ('' when there is none). */
export const mediaTypeOf = (res: HttpResponse): string => (res.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();

/** The response is served as `type` (finding `content-type:<its media type>`, or `content-type:none`). */
export function mustHaveMediaType(res: HttpResponse, type: string, what: string): void {
  const ct = res.header('content-type') ?? '';
  must(mediaTypeOf(res) === type, `${what}: Content-Type is ${JSON.stringify(ct)}, expected ${type}`, {
    finding: `content-type:${mediaTypeOf(res) || 'none'}`,
    expected: type,
    actual: ct,
  });
}
