// The cookie jar of the login driver's HTTP user agent: tough-cookie (RFC 6265 storage, domain and
// path matching, expiry, public-suffix checks) behind the two calls the driver makes, and every
// cookie value remembered as a secret, kept or not: the response that set it is in the report.
import { Cookie, CookieJar as ToughCookieJar } from 'tough-cookie';
import { rememberSecret } from '../secrets/vault.ts';

export class CookieJar {
  // Secure cookies only over https: tough-cookie would also count loopback http as secure.
  private readonly jar = new ToughCookieJar(undefined, { allowSecureOnLocal: false });

  /** Take the Set-Cookie headers of a response to `url`; one the jar refuses (another site's) is dropped. */
  store(url: URL, setCookie: string | string[] | undefined): void {
    for (const line of [setCookie ?? []].flat()) {
      const cookie = Cookie.parse(line);
      if (!cookie) continue;
      rememberSecret(cookie.value, 'cookie');
      this.jar.setCookieSync(cookie, url, { ignoreError: true });
    }
  }

  /** The Cookie header for a request to `url`, or undefined when nothing applies. */
  header(url: URL): string | undefined {
    return this.jar.getCookieStringSync(url) || undefined;
  }
}
