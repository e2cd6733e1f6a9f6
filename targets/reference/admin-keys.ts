/**
 * POST /admin/keys/{set} (createJsonWebKeySet, jwk/handler.go#L290-L305 at v2.3.0): a key generated into a set. For
 * hydra.openid.id-token that is Hydra's key rotation: the new key joins the JWKS and signs from then on (keys.ts). Like
 * Hydra the answer is 201, Location <issuer>/keys/<set>, and the new key with its private members (ExcludeOpaquePrivateKeys
 * hides only HSM keys). The reference generates RS256 keys only (of 2048 bits; Hydra's are 4096); another alg is Hydra's
 * ErrUnsupportedKeyAlgorithm, and a body that does not decode its herodot 400. Other sets are kept apart, unpublished.
 */
import type { ServerResponse } from 'node:http';
import { join, type Ctx } from './context.ts';
import { herodotError, rfcError } from './errors.ts';
import { sendJson, type Req } from './http.ts';
import { KeyRing, createSigningKey, type SigningKey } from './keys.ts';
import { rotationTakesEffect } from './tokens.defects.ts';

export const ID_TOKEN_SET = 'hydra.openid.id-token';

const otherSets = new WeakMap<Ctx, Map<string, SigningKey[]>>();

export async function createJsonWebKeySet(ctx: Ctx, req: Req, res: ServerResponse): Promise<void> {
  const set = req.params['set'] ?? '';
  let body: { alg?: unknown; use?: unknown; kid?: unknown };
  try {
    body = JSON.parse(await req.body()) as typeof body;
    if (!body || typeof body !== 'object') throw new Error('not an object');
  } catch (e) {
    throw herodotError('badRequest', `Unable to decode the request body: ${(e as Error).message}`);
  }
  if (body.alg !== 'RS256') throw rfcError(400, 'Bad Request', 'Unsupported key algorithm');
  const kid = typeof body.kid === 'string' && body.kid !== '' ? body.kid : undefined;
  const key = await createSigningKey(kid);
  const use = typeof body.use === 'string' && body.use !== '' ? body.use : 'sig';
  if (set === ID_TOKEN_SET && ctx.key instanceof KeyRing) {
    if (rotationTakesEffect(ctx)) ctx.key.add(key);
  } else {
    let sets = otherSets.get(ctx);
    if (!sets) otherSets.set(ctx, (sets = new Map()));
    sets.set(set, [key, ...(sets.get(set) ?? [])]);
  }
  res.setHeader('Location', join(ctx.urls.issuer, `/keys/${set}`));
  sendJson(res, 201, { keys: [{ ...key.privateJwk, use }] });
}

/**
 * DELETE /admin/keys/{set}/{kid} (deleteJsonWebKey, jwk/handler.go#L499-L509 at v2.3.0; persistence/sql/persister_jwk.go
 * #L182-L191 deletes by set and kid, whether or not a row matched): 204. In hydra.openid.id-token the next newest key
 * signs from then on; the harness deletes the key its rotation check created (leave no trace on the target).
 */
export function deleteJsonWebKey(ctx: Ctx, req: Req, res: ServerResponse): void {
  const set = req.params['set'] ?? '';
  const kid = req.params['kid'] ?? '';
  if (set === ID_TOKEN_SET && ctx.key instanceof KeyRing) ctx.key.remove(kid);
  else {
    const keys = otherSets.get(ctx)?.get(set);
    if (keys)
      otherSets.get(ctx)!.set(
        set,
        keys.filter((k) => k.kid !== kid),
      );
  }
  res.statusCode = 204;
  res.end();
}
