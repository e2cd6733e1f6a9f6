// The target's own HTML: login, consent, logout confirmation and error pages. No external
// resources (the default pages import web fonts, which would stall a browser with no network),
// and stable ids, which the browser login driver finds through the settings in ./run-settings.ts.

const escape = (s: unknown) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return (
    `<!DOCTYPE html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${escape(title)}</title>` +
    '<style>body{font-family:sans-serif;max-width:24em;margin:3em auto}label,input,button{display:block;margin:.4em 0}</style>' +
    `</head><body><h1>${escape(title)}</h1>${body}</body></html>`
  );
}

export function loginPage(action: string, clientName: string, problem?: string): string {
  return page(
    'Sign in',
    `<p>to continue to ${escape(clientName)}</p>${problem ? `<p role="alert">${escape(problem)}</p>` : ''}` +
      `<form method="post" action="${escape(action)}" autocomplete="off">` +
      '<label for="username">Username</label><input id="username" name="username" required>' +
      '<label for="password">Password</label><input id="password" name="password" type="password" required>' +
      '<button id="sign-in" type="submit">Sign in</button></form>',
  );
}

export function consentPage(action: string, clientName: string, scopes: string[]): string {
  return page(
    'Authorize',
    `<p>${escape(clientName)} asks for: ${scopes.map(escape).join(', ') || '(nothing new)'}</p>` +
      `<form method="post" action="${escape(action)}"><button id="approve" type="submit">Allow</button></form>`,
  );
}

/** `form` is oidc-provider's hidden form (id op.logoutForm, with its xsrf token). `logout=yes` also ends the OP session. */
export function logoutPage(form: string, host: string): string {
  return page(
    'Sign out',
    `<p>Sign out from ${escape(host)}?</p>${form}` +
      '<button id="sign-out" type="submit" form="op.logoutForm" name="logout" value="yes">Yes, sign me out</button>' +
      '<button id="stay" type="submit" form="op.logoutForm">No, stay signed in</button>',
  );
}

export function signedOutPage(clientName?: string): string {
  return page('Signed out', `<p>You are signed out${clientName ? ` of ${escape(clientName)}` : ''}.</p>`);
}

export function errorPage(out: object): string {
  return page(
    'Error',
    Object.entries(out)
      .map(([k, v]) => `<p><strong>${escape(k)}</strong>: <span id="${escape(k)}">${escape(v)}</span></p>`)
      .join(''),
  );
}
