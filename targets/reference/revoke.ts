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
    if (record && record.clientId !== auth.client.client_id) throw oauthError('unauthorized_client');
    // Unknown tokens are not an error (RFC 7009 §2.2).
    if (record) ctx.store.revokeGrant(record.grantId);
    sendEmpty(res, ctx.has('tokens.revoke-no-content') ? 204 : 200);
  } catch (e) {
    logUnexpected(ctx, 'revoke', e);
    sendError(res, toHttpError(e), JSON_FOSITE);
  }
}
