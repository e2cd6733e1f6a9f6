/** POST /oauth2/revoke (RFC 7009 via fosite): revoking either token of a grant revokes the grant's tokens. */
import type { ServerResponse } from 'node:http';
import { logUnexpected, type Ctx } from './context.ts';
import { authenticateClient } from './client-auth.ts';
import { oauthError, toHttpError } from './errors.ts';
import { JSON_FOSITE, noStore, sendEmpty, sendError, type Req } from './http.ts';

export async function revoke(ctx: Ctx, req: Req, res: ServerResponse): Promise<void> {
  noStore(res);
  try {
    const form = await req.postForm();
    const auth = await authenticateClient(ctx, req, form);
    if (auth.error) throw auth.error;
    const record = ctx.store.findToken(form.get('token') ?? '');
    if (record && record.clientId !== auth.client.client_id && !ctx.has('tokens.revoke-any-client')) {
      // Deviation #20: fosite's RevokeToken says unauthorized_client, but WriteRevocationResponse answers it 200.
      if (!ctx.has('tokens.revoke-other-client-200')) throw oauthError('unauthorized_client');
    } else if (record) {
      // Unknown tokens are not an error (RFC 7009 §2.2).
      ctx.store.revokeGrant(
        record.grantId,
        record.kind === 'refresh' && ctx.has('tokens.revoke-refresh-keeps-refresh') ? 'access' : undefined,
      );
    }
    sendEmpty(res, ctx.has('tokens.revoke-no-content') ? 204 : 200);
  } catch (e) {
    logUnexpected(ctx, 'revoke', e);
    sendError(res, toHttpError(e), JSON_FOSITE);
  }
}
