// Client authentication with a JWT assertion at the token endpoint, for each assertion method the provider
// advertises (RFC 7523 §3, OpenID Connect Core 1.0 §9): a valid assertion works; one wrong in one way (signature, aud,
// exp, no exp, nbf ahead, iss or sub not the client_id, another algorithm than the registered one, a replayed jti,
// alg none) is refused with invalid_client; each method's client is refused when it authenticates
// another way. Hydra offers private_key_jwt (also with a jwks_uri); client_secret_jwt is judged where it is advertised.
import { test } from '../fixtures/index.ts';
import { check } from '../fixtures/check.ts';
import { ASSERTION, JWKS_URI, type AssertionMethod } from '../checks/catalogue/token-auth.ts';
import { tamperedToken } from '../checks/rules/jws.ts';
import { nowSeconds } from '../checks/rules/jwt.ts';
import { blocked } from '../checks/rules/verdict.ts';
import { sampleMetadata } from '../checks/rules/client-metadata.ts';
import { assertionClient, mustWorkFirst, withAssertion } from '../scenarios/client-assertion.ts';
import { clientCredentials, mustIssueToken, mustRefuseClient } from '../scenarios/token-endpoint.ts';

for (const method of ['private_key_jwt', 'client_secret_jwt'] as const satisfies readonly AssertionMethod[]) {
  const C = ASSERTION[method];

  test.describe(`oauth2TokenExchange: POST /oauth2/token (${method})`, () => {
    check(C.WORKS, async (fx) => {
      const ac = await assertionClient(fx, method);
      mustIssueToken(await withAssertion(fx, ac.client, await ac.assertion()), `a ${method} client with a valid assertion`);
    });

    check(C.BAD_SIGNATURE, async (fx) => {
      const ac = await assertionClient(fx, method);
      const assertion = await ac.assertion();
      mustRefuseClient(await withAssertion(fx, ac.client, tamperedToken(assertion)), `a ${method} assertion with a changed signature`);
      const same = await withAssertion(fx, ac.client, assertion);
      if (same.status !== 200)
        blocked(`the same assertion, unchanged, answered HTTP ${same.status}, so the refusal proves nothing`, C.WORKS.id);
    });

    check(C.WRONG_AUD, async (fx) => {
      const ac = await assertionClient(fx, method);
      await mustWorkFirst(fx, ac);
      const assertion = await ac.assertion({ aud: 'https://another-server.example.com/oauth2/token' });
      mustRefuseClient(await withAssertion(fx, ac.client, assertion), `a ${method} assertion addressed to another server's token endpoint`);
    });

    check(C.EXPIRED, async (fx) => {
      const ac = await assertionClient(fx, method);
      await mustWorkFirst(fx, ac);
      const assertion = await ac.assertion({ iat: nowSeconds() - 900, exp: nowSeconds() - 600 });
      mustRefuseClient(await withAssertion(fx, ac.client, assertion), `a ${method} assertion that expired ten minutes ago`);
    });

    check(C.JTI_REUSE, async (fx) => {
      const ac = await assertionClient(fx, method);
      const assertion = await ac.assertion();
      const first = await withAssertion(fx, ac.client, assertion);
      if (first.status !== 200) blocked(`the assertion's first use answered HTTP ${first.status}`, C.WORKS.id);
      mustRefuseClient(
        await withAssertion(fx, ac.client, assertion),
        `the same ${method} assertion (the same jti) presented a second time`,
      );
    });

    check(C.NO_EXP, async (fx) => {
      const ac = await assertionClient(fx, method);
      await mustWorkFirst(fx, ac);
      mustRefuseClient(await withAssertion(fx, ac.client, await ac.assertion({ exp: undefined })), `a ${method} assertion without exp`);
    });

    check(C.NOT_YET_VALID, async (fx) => {
      const ac = await assertionClient(fx, method);
      await mustWorkFirst(fx, ac);
      const assertion = await ac.assertion({ nbf: nowSeconds() + 600 });
      mustRefuseClient(await withAssertion(fx, ac.client, assertion), `a ${method} assertion not valid before ten minutes from now (nbf)`);
    });

    check(C.NOT_CLIENT_ID, async (fx) => {
      const ac = await assertionClient(fx, method);
      await mustWorkFirst(fx, ac);
      // A client that exists: an unknown id would be refused for that alone.
      const other = (await fx.clients.create(sampleMetadata('assertion other client'))).clientId;
      for (const claim of ['iss', 'sub'] as const)
        mustRefuseClient(
          await withAssertion(fx, ac.client, await ac.assertion({ [claim]: other })),
          `a ${method} assertion whose ${claim} is another client's client_id`,
          `accepted:${claim}`,
          // The request's client_id names the client, its assertion another: RFC 6749 §5.2 calls such a request
          // invalid_request (it carries two credentials), as oidc-provider answers; RFC 7523 §3.2 says invalid_client.
          ['invalid_client', 'invalid_request'],
        );
    });

    check(C.OTHER_ALG, async (fx) => {
      const ac = await assertionClient(fx, method);
      await mustWorkFirst(fx, ac);
      const alg = method === 'private_key_jwt' ? 'RS384' : 'HS384';
      mustRefuseClient(
        await withAssertion(fx, ac.client, await ac.assertion({}, alg)),
        `a ${method} assertion signed with ${alg}, not the registered token_endpoint_auth_signing_alg`,
      );
    });

    check(C.ALG_NONE, async (fx) => {
      const ac = await assertionClient(fx, method);
      await mustWorkFirst(fx, ac);
      mustRefuseClient(await withAssertion(fx, ac.client, ac.unsigned()), `an unsigned ${method} assertion (alg none)`);
    });

    check(C.REFUSES_BASIC, async (fx) => {
      const ac = await assertionClient(fx, method);
      await mustWorkFirst(fx, ac);
      // No secret issued: the client has none to present in the wrong place (the registration response is the evidence).
      if (!ac.client.clientSecret) return;
      mustRefuseClient(
        await clientCredentials(fx.http, fx.discovery, ac.client.clientId, ac.client.clientSecret, 'basic'),
        `a ${method} client with its client_secret in HTTP Basic`,
      );
    });

    check(C.BASIC_REFUSES, async (fx) => {
      const ac = await assertionClient(fx, method, { registeredAs: 'client_secret_basic' });
      const own = await clientCredentials(fx.http, fx.discovery, ac.client.clientId, ac.client.clientSecret, 'basic');
      if (own.status !== 200)
        blocked(`the client's own method, client_secret_basic, answered HTTP ${own.status}`, 'TOKEN-AUTH-BASIC-WORKS');
      mustRefuseClient(await withAssertion(fx, ac.client, await ac.assertion()), `a client_secret_basic client with a ${method} assertion`);
    });
  });
}

test.describe('oauth2TokenExchange: POST /oauth2/token (private_key_jwt, keys at a jwks_uri)', () => {
  check(JWKS_URI.PKJWT, async (fx) => {
    const ac = await assertionClient(fx, 'private_key_jwt', { jwksUri: true, root: JWKS_URI.PKJWT.id });
    mustIssueToken(
      await withAssertion(fx, ac.client, await ac.assertion()),
      'a private_key_jwt client whose key set is at its jwks_uri, with a valid assertion',
    );
  });
});
