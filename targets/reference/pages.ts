/** The HTML the public server renders: stub login/consent/logout UIs, Hydra's fallback pages, front-channel logout. */
import type { ServerResponse } from 'node:http';
import type { Ctx } from './context.ts';
import { toHttpError } from './errors.ts';
import { encodeSorted, escapeHtml, redirect, sendHtml, type Req } from './http.ts';
import type { Handler } from './router.ts';

function page(title: string, body: string): string {
  return `<!DOCTYPE html>\n<html>\n<head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>\n<body>\n${body}\n</body>\n</html>\n`;
}

/** urls.login / urls.consent / urls.logout of the reference: a page that only shows the challenge it received. */
export function stubUi(kind: 'login' | 'consent' | 'logout'): Handler {
  return (_ctx, req, res) => {
    const challenge = req.query.get(`${kind}_challenge`) ?? '';
    sendHtml(
      res,
      200,
      page(
        `Reference ${kind} UI`,
        `<h1>Reference ${kind} UI</h1>\n<p>${kind}_challenge: <code>${escapeHtml(challenge)}</code></p>\n<p>Accept or reject it through the admin API.</p>`,
      ),
    );
  };
}

/** Hydra's /oauth2/fallbacks/{login,consent,logout}: shown when the matching urls.* key is not set. */
export function fallbackPage(key: string): Handler {
  return (_ctx, _req, res) => {
    sendHtml(res, 200, page('Configuration missing', `<p>The URL for the configuration key <code>${key}</code> is not set.</p>`));
  };
}

/** urls.post_logout_redirect default: /oauth2/fallbacks/logout/callback. */
export const postLogoutPage: Handler = (_ctx, _req, res) => {
  sendHtml(
    res,
    200,
    page(
      'You logged out successfully!',
      '<h1>You logged out successfully!</h1>\n<p>The Default Post Logout URL is not set which is why you are seeing this fallback page. Your log out request however succeeded.</p>',
    ),
  );
};

/** urls.error default: /oauth2/fallbacks/error renders the error with HTTP 500, as Hydra does. */
export const errorPage: Handler = (_ctx, req, res) => {
  const q = (name: string): string => escapeHtml(req.query.get(name) ?? '');
  sendHtml(
    res,
    500,
    page(
      'An OpenID Connect related error occurred',
      [
        '<h1>The OAuth2 request resulted in an error.</h1>',
        '<ul>',
        `<li>Error: ${q('error')}</li>`,
        `<li>Description: ${q('error_description')}</li>`,
        `<li>Hint: ${q('error_hint')}</li>`,
        `<li>Debug: ${q('error_debug')}</li>`,
        '</ul>',
      ].join('\n'),
    ),
  );
};

/** Hydra's forwardError: 302 to urls.error with error and error_description (no hint, no debug). */
export function forwardError(ctx: Ctx, req: Req, res: ServerResponse, e: unknown): void {
  const err = toHttpError(e);
  const url = new URL(ctx.urls.error);
  for (const [k, v] of err.values()) url.searchParams.set(k, v);
  url.search = encodeSorted(url.searchParams);
  redirect(req, res, url.toString());
}

/** One hidden iframe per front-channel logout URL; a script redirects once all loaded, a meta refresh after 7 s. */
export function frontChannelPage(urls: readonly string[], redirectTo: string): string {
  const target = JSON.stringify(redirectTo).replace(/</g, '\\u003c');
  const frames = urls.map((u) => `<iframe src="${escapeHtml(u)}" onload="loaded()"></iframe>`).join('\n');
  return `<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta http-equiv="refresh" content="7; URL=${escapeHtml(redirectTo)}">
<title>Logging out</title>
<style>iframe { position: absolute; left: 0; top: 0; width: 0; height: 0; border: none; }</style>
<script>
  var pending = ${urls.length};
  var done = false;
  function go() { if (!done) { done = true; window.location.replace(${target}); } }
  function loaded() { pending -= 1; if (pending < 1) { setTimeout(go, 500); } }
  setTimeout(go, 7000);
</script>
</head>
<body>
<p>Logging you out. If nothing happens, <a href="${escapeHtml(redirectTo)}">continue</a>.</p>
${frames}
</body>
</html>
`;
}
