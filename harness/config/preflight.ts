// Before the first test: is the target there, does it answer in time, does it speak JSON at the
// discovery URL, does the admin API take our token? Each failure is one line naming the setting.
import { HttpClient, TransportError } from '../http/client.ts';
import { SettingsError, discoveryUrl, type Settings } from './settings.ts';

export interface PreflightResult {
  discovery: Record<string, unknown>;
  providerVersion?: string;
}

export async function preflight(s: Settings): Promise<PreflightResult> {
  // Checked here, not in readSettings: the embedded reference supplies OIDC_ADMIN_URL after settings are first read.
  if (s.loginMode === 'ory-admin' && !s.adminUrl)
    throw new SettingsError('OIDC_ADMIN_URL', 'is not set; OIDC_LOGIN_MODE=ory-admin accepts login and consent through the admin API');
  const http = new HttpClient(s.timeoutMs, undefined, s.maxBodyBytes, s.network);
  try {
    const url = discoveryUrl(s.issuer);
    const setting = s.issuer === s.baseUrl ? 'OIDC_BASE_URL' : 'OIDC_ISSUER';
    let res;
    try {
      res = await http.send({ url });
    } catch (e) {
      if (e instanceof TransportError) throw new SettingsError(setting, `${s.issuer} is unreachable: ${e.message} (GET ${url})`);
      throw e;
    }
    if (res.status >= 500) throw new SettingsError(setting, `the target answered HTTP ${res.status} to GET ${url}; it is not healthy`);
    // Any other 2xx with a document goes on: DISC-STATUS-200 judges the status as a finding, not as a setting error.
    if (res.status < 200 || res.status > 299)
      throw new SettingsError(
        setting,
        `no discovery document at ${url} (HTTP ${res.status}); is this the public URL of an OpenID provider?`,
      );
    const doc = res.json;
    if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
      throw new SettingsError(setting, `GET ${url} answered a body that is not a JSON object: ${JSON.stringify(res.text.slice(0, 60))}`);
    }
    return { discovery: doc as Record<string, unknown>, providerVersion: s.adminUrl ? await checkAdmin(http, s) : undefined };
  } finally {
    await http.close();
  }
}

/** The admin API must be reachable and accept the token; returns the provider's version if it tells it. */
async function checkAdmin(http: HttpClient, s: Settings): Promise<string | undefined> {
  const url = `${s.adminUrl}/admin/clients?page_size=1`;
  let res;
  try {
    res = await http.send({ url, bearer: s.adminToken });
  } catch (e) {
    if (e instanceof TransportError) throw new SettingsError('OIDC_ADMIN_URL', `${s.adminUrl} is unreachable: ${e.message} (GET ${url})`);
    throw e;
  }
  if (res.status === 401 || res.status === 403) {
    throw new SettingsError(
      'OIDC_ADMIN_TOKEN',
      s.adminToken
        ? `the admin API refused the token (HTTP ${res.status})`
        : `the admin API wants a token (HTTP ${res.status}); set OIDC_ADMIN_TOKEN (or OIDC_ADMIN_TOKEN_FILE, a file that holds it)`,
    );
  }
  if (res.status !== 200) throw new SettingsError('OIDC_ADMIN_URL', `GET ${url} answered HTTP ${res.status}; is this Ory's admin API?`);
  try {
    const v = await http.send({ url: `${s.adminUrl}/version`, bearer: s.adminToken });
    return v.status === 200 && typeof v.json?.version === 'string' ? v.json.version : undefined;
  } catch {
    return undefined; // the version is a nicety for the report, not a requirement
  }
}
