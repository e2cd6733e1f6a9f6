// The target's own login and consent steps (oidc-provider hands the browser to `interactionUrl`
// and takes it back through interactionFinished). Login and consent get different URLs so that a
// login driver can tell them apart by URL alone (OIDC_LOGIN_URL_PATTERN).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import type { Interaction, KoaContextWithOIDC } from 'oidc-provider';
import { TEST_USER } from './account.ts';
import { consentPage, errorPage, loginPage } from './pages.ts';

const INTERACTION = /^\/interaction\/([\w-]+)\/(login|consent)$/;

export function interactionUrl(_ctx: KoaContextWithOIDC, interaction: Interaction): string {
  return `/interaction/${interaction.uid}/${interaction.prompt.name}`;
}

function send(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

/** Serve the request when it is one of ours; false lets oidc-provider have it. */
export async function handleInteraction(provider: Provider, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const path = new URL(req.url ?? '/', 'http://local').pathname;
  const match = INTERACTION.exec(path);
  if (!match) return false;
  const step = match[2] as 'login' | 'consent';
  try {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== match[1] || details.prompt.name !== step) throw new Error(`this interaction is at its ${details.prompt.name} step`);
    const client = await provider.Client.find(String(details.params.client_id));
    const clientName = client?.clientName ?? String(details.params.client_id);
    const missing = (details.prompt.details.missingOIDCScope as string[] | undefined) ?? [];
    if (req.method === 'GET') {
      send(res, 200, step === 'login' ? loginPage(path, clientName) : consentPage(path, clientName, missing));
    } else if (req.method !== 'POST') {
      send(res, 405, errorPage({ error: 'method not allowed' }));
    } else if (step === 'login') {
      const form = await readForm(req);
      if (form.get('username') !== TEST_USER.username || form.get('password') !== TEST_USER.password) {
        send(res, 200, loginPage(path, clientName, 'Wrong username or password.'));
      } else {
        await provider.interactionFinished(
          req,
          res,
          { login: { accountId: TEST_USER.username, remember: true } },
          { mergeWithLastSubmission: false },
        );
      }
    } else {
      await readForm(req);
      const grant = details.grantId
        ? await provider.Grant.find(details.grantId)
        : new provider.Grant({ accountId: details.session!.accountId, clientId: String(details.params.client_id) });
      if (!grant) throw new Error('the grant of this interaction is gone');
      if (missing.length) grant.addOIDCScope(missing.join(' '));
      const claims = details.prompt.details.missingOIDCClaims as string[] | undefined;
      if (claims?.length) grant.addOIDCClaims(claims);
      const resources = (details.prompt.details.missingResourceScopes ?? {}) as Record<string, string[]>;
      for (const [indicator, scopes] of Object.entries(resources)) grant.addResourceScope(indicator, scopes.join(' '));
      const grantId = await grant.save();
      await provider.interactionFinished(req, res, { consent: details.grantId ? {} : { grantId } }, { mergeWithLastSubmission: true });
    }
  } catch (e) {
    if (!res.headersSent) send(res, 400, errorPage({ error: 'invalid_request', error_description: (e as Error).message }));
  }
  return true;
}
