#!/usr/bin/env bash
# Drive a running Ory Hydra by hand with curl and print the raw exchanges, with secrets, tokens,
# codes and challenges replaced by <secret>, <rat>, <access_token>, … (NOTES-observed.md was made
# with this). Needs curl and python3.
#
# Usage: targets/hydra/observe.sh PUBLIC_URL ADMIN_URL      e.g. from `npx tsx bin/hydra.ts v2.3.0`
set -uo pipefail
P="${1:?usage: observe.sh PUBLIC_URL ADMIN_URL}"; P="${P%/}"
A="${2:?usage: observe.sh PUBLIC_URL ADMIN_URL}"; A="${A%/}"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
jar="$tmp/jar"
redact=()   # pairs: value placeholder

add_redact() { [ -n "$1" ] && redact+=("$1" "$2"); }
json() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2], {}, {"d": d}) or "")' "$1" "$2" 2>/dev/null; }
# show TITLE curl-args… : runs curl -si, prints request line and raw response (headers + body)
show() {
  local title="$1"; shift
  printf '\n### %s\n```\n$ curl %s\n' "$title" "$*"
  curl -sS -i "$@" > "$tmp/resp" 2>&1
  tr -d '\r' < "$tmp/resp" | grep -v '^Date: ' > "$tmp/resp.txt"
  sed -n '/^$/,$p' "$tmp/resp.txt" | tail -n +2 > "$tmp/body"
  cat "$tmp/resp.txt"; printf '\n```\n'
}
# body of last response
body() { cat "$tmp/body"; }
bodyjson() { json "$tmp/body" "$1"; }
hdr() { grep -i "^$1:" "$tmp/resp.txt" | head -1 | cut -d' ' -f2- ; }

{
echo "# Observed against $P (admin $A), version $(curl -s "$A/version")"

show "discovery" "$P/.well-known/openid-configuration"

show "register (minimal)" -X POST -H 'Content-Type: application/json' -d '{"redirect_uris":["http://127.0.0.1:9/cb"]}' "$P/oauth2/register"
id1="$(bodyjson 'd["client_id"]')"; sec1="$(bodyjson 'd.get("client_secret")')"; rat1="$(bodyjson 'd.get("registration_access_token")')"
add_redact "$sec1" '<secret>'; add_redact "$rat1" '<rat>'

show "GET registration with the RAT" -H "Authorization: Bearer $rat1" "$P/oauth2/register/$id1"
show "GET registration without credentials" "$P/oauth2/register/$id1"
show "GET registration with a wrong Bearer token" -H "Authorization: Bearer not-a-token" "$P/oauth2/register/$id1"
show "GET registration with client_secret_basic" -u "$id1:$sec1" "$P/oauth2/register/$id1"
show "GET registration of an unknown id" -H "Authorization: Bearer $rat1" "$P/oauth2/register/does-not-exist"
show "admin list clients" "$A/admin/clients"

# ---- authorization code flow ----
show "register (auth code client, client_secret_basic)" -X POST -H 'Content-Type: application/json' \
  -d '{"redirect_uris":["http://127.0.0.1:9/cb"],"grant_types":["authorization_code","refresh_token","client_credentials"],"response_types":["code"],"scope":"openid offline_access userinfo_credential_draft_00","token_endpoint_auth_method":"client_secret_basic"}' \
  "$P/oauth2/register"
cid="$(bodyjson 'd["client_id"]')"; csec="$(bodyjson 'd.get("client_secret")')"; crat="$(bodyjson 'd.get("registration_access_token")')"
add_redact "$csec" '<secret>'; add_redact "$crat" '<rat>'

show "authorize" -c "$jar" -b "$jar" "$P/oauth2/auth?client_id=$cid&response_type=code&scope=openid%20offline_access%20userinfo_credential_draft_00&redirect_uri=http%3A%2F%2F127.0.0.1%3A9%2Fcb&state=state-12345678&nonce=nonce-12345678"
loc="$(hdr Location)"; lch="$(printf '%s' "$loc" | sed -n 's/.*login_challenge=\([^&]*\).*/\1/p')"
add_redact "$lch" '<login_challenge>'
show "get login request (admin)" "$A/admin/oauth2/auth/requests/login?login_challenge=$lch"
show "accept login (admin)" -X PUT -H 'Content-Type: application/json' \
  -d '{"subject":"user-1","remember":true,"remember_for":0,"acr":"1","amr":["pwd"]}' \
  "$A/admin/oauth2/auth/requests/login/accept?login_challenge=$lch"
next="$(bodyjson 'd["redirect_to"]')"
lv="$(printf '%s' "$next" | sed -n 's/.*login_verifier=\([^&]*\).*/\1/p')"; add_redact "$lv" '<login_verifier>'
show "follow login verifier" -c "$jar" -b "$jar" "$next"
loc="$(hdr Location)"; cch="$(printf '%s' "$loc" | sed -n 's/.*consent_challenge=\([^&]*\).*/\1/p')"
add_redact "$cch" '<consent_challenge>'
show "accept consent (admin)" -X PUT -H 'Content-Type: application/json' \
  -d '{"grant_scope":["openid","offline_access","userinfo_credential_draft_00"],"grant_access_token_audience":[],"remember":true,"remember_for":0,"session":{"id_token":{"email":"a@b.c"},"access_token":{"foo":"bar"}}}' \
  "$A/admin/oauth2/auth/requests/consent/accept?consent_challenge=$cch"
next="$(bodyjson 'd["redirect_to"]')"
cv="$(printf '%s' "$next" | sed -n 's/.*consent_verifier=\([^&]*\).*/\1/p')"; add_redact "$cv" '<consent_verifier>'
show "follow consent verifier" -c "$jar" -b "$jar" "$next"
loc="$(hdr Location)"; code="$(printf '%s' "$loc" | sed -n 's/.*[?&]code=\([^&]*\).*/\1/p')"
add_redact "$code" '<code>'
show "token (authorization_code, client_secret_basic)" -u "$cid:$csec" -d grant_type=authorization_code -d "code=$code" \
  --data-urlencode redirect_uri=http://127.0.0.1:9/cb "$P/oauth2/token"
at="$(bodyjson 'd.get("access_token")')"; rt="$(bodyjson 'd.get("refresh_token")')"; idt="$(bodyjson 'd.get("id_token")')"
add_redact "$at" '<access_token>'; add_redact "$rt" '<refresh_token>'; add_redact "$idt" '<id_token>'
add_redact "$(bodyjson 'd.get("c_nonce_draft_00")')" '<c_nonce>'
printf '\nid_token claims: %s\n' "$(python3 -c 'import sys,base64,json; p=sys.argv[1].split(".")[1]; p+="="*(-len(p)%4); print(json.dumps(json.loads(base64.urlsafe_b64decode(p))))' "$idt" 2>/dev/null)"

show "userinfo GET with the access token" -H "Authorization: Bearer $at" "$P/userinfo"
show "userinfo POST with the access token in the form body" -d "access_token=$at" "$P/userinfo"
show "userinfo without a token" "$P/userinfo"
show "userinfo with an invalid token" -H "Authorization: Bearer not-a-token" "$P/userinfo"
show "userinfo with the refresh token" -H "Authorization: Bearer $rt" "$P/userinfo"
show "POST /userinfo without a token" -X POST "$P/userinfo"

show "get login request again (challenge already used, after the code exchange)" "$A/admin/oauth2/auth/requests/login?login_challenge=$lch"
show "get consent request again (challenge already used)" "$A/admin/oauth2/auth/requests/consent?consent_challenge=$cch"
show "POST /credentials without a token" -X POST -H 'Content-Type: application/json' -d '{"format":"jwt_vc_json","types":["VerifiableCredential","UserInfoCredential"]}' "$P/credentials"
show "POST /credentials with the access token, no proof" -X POST -H "Authorization: Bearer $at" -H 'Content-Type: application/json' -d '{"format":"jwt_vc_json","types":["VerifiableCredential","UserInfoCredential"]}' "$P/credentials"
add_redact "$(bodyjson 'd.get("c_nonce_draft_00")')" '<c_nonce>'
show "token (refresh_token)" -u "$cid:$csec" -d grant_type=refresh_token -d "refresh_token=$rt" "$P/oauth2/token"
add_redact "$(bodyjson 'd.get("access_token")')" '<access_token2>'; add_redact "$(bodyjson 'd.get("refresh_token")')" '<refresh_token2>'; add_redact "$(bodyjson 'd.get("id_token")')" '<id_token2>'
show "userinfo with the old access token after the refresh" -H "Authorization: Bearer $at" "$P/userinfo"

# ---- client credentials ----
show "token (client_credentials, client_secret_basic client, Basic header)" -u "$cid:$csec" -d grant_type=client_credentials "$P/oauth2/token"
cat_=$(bodyjson 'd.get("access_token")'); add_redact "$cat_" '<access_token_cc>'
show "userinfo with the client_credentials token" -H "Authorization: Bearer $cat_" "$P/userinfo"
show "token (client_credentials, client_secret_basic client, secret in form body)" -d grant_type=client_credentials -d "client_id=$cid" -d "client_secret=$csec" "$P/oauth2/token"
show "token (client_credentials, wrong secret in Basic header)" -u "$cid:wrong" -d grant_type=client_credentials "$P/oauth2/token"
show "token (client_credentials, no credentials)" -d grant_type=client_credentials "$P/oauth2/token"

show "register (token_endpoint_auth_method none)" -X POST -H 'Content-Type: application/json' \
  -d '{"redirect_uris":["http://127.0.0.1:9/cb"],"grant_types":["authorization_code","client_credentials"],"response_types":["code"],"token_endpoint_auth_method":"none"}' \
  "$P/oauth2/register"
nid="$(bodyjson 'd["client_id"]')"; nrat="$(bodyjson 'd.get("registration_access_token")')"; add_redact "$nrat" '<rat>'
add_redact "$(bodyjson 'd.get("client_secret")')" '<secret>'
show "token (client_credentials, none client, client_id in body)" -d grant_type=client_credentials -d "client_id=$nid" "$P/oauth2/token"

show "register (client_secret_post client)" -X POST -H 'Content-Type: application/json' \
  -d '{"redirect_uris":["http://127.0.0.1:9/cb"],"grant_types":["client_credentials"],"response_types":["code"],"token_endpoint_auth_method":"client_secret_post"}' \
  "$P/oauth2/register"
pid="$(bodyjson 'd["client_id"]')"; psec="$(bodyjson 'd.get("client_secret")')"; add_redact "$psec" '<secret>'
add_redact "$(bodyjson 'd.get("registration_access_token")')" '<rat>'
show "token (client_credentials, client_secret_post client, secret in form body)" -d grant_type=client_credentials -d "client_id=$pid" -d "client_secret=$psec" "$P/oauth2/token"
add_redact "$(bodyjson 'd.get("access_token")')" '<access_token_cc>'
show "token (client_credentials, client_secret_post client, Basic header)" -u "$pid:$psec" -d grant_type=client_credentials "$P/oauth2/token"
add_redact "$(bodyjson 'd.get("access_token")')" '<access_token_cc>'

# ---- registration management ----
show "PUT registration with the RAT" -X PUT -H "Authorization: Bearer $crat" -H 'Content-Type: application/json' \
  -d '{"redirect_uris":["http://127.0.0.1:9/cb"],"grant_types":["authorization_code","refresh_token","client_credentials"],"response_types":["code"],"scope":"openid offline_access","client_name":"renamed"}' \
  "$P/oauth2/register/$cid"
add_redact "$(bodyjson 'd.get("registration_access_token")')" '<rat2>'
show "GET registration with the old (rotated) RAT" -H "Authorization: Bearer $crat" "$P/oauth2/register/$cid"
show "DELETE registration without credentials" -X DELETE "$P/oauth2/register/$id1"
show "DELETE registration with the RAT" -X DELETE -H "Authorization: Bearer $rat1" "$P/oauth2/register/$id1"
show "unknown route on the public port" "$P/does-not-exist"
show "wrong method on /userinfo" -X PUT "$P/userinfo"
} > "$tmp/out.md"

# Redact longest values first so that a value contained in another one is not half-replaced.
python3 - "$tmp/out.md" "${redact[@]}" <<'EOF'
import re, sys, urllib.parse
text = open(sys.argv[1]).read()
pairs = list(zip(sys.argv[2::2], sys.argv[3::2]))
for v, ph in sorted(pairs, key=lambda p: -len(p[0])):
    if len(v) < 6: continue
    for form in {v, urllib.parse.unquote(v), urllib.parse.quote(v, safe=''), urllib.parse.quote_plus(v)}:
        text = text.replace(form, ph)
# Session/CSRF cookie values, VC nonces and the temporary cookie-jar path.
text = re.sub(r'(Set-Cookie: [^=]+=)[^;]+', r'\1<cookie>', text)
text = re.sub(r'"(c_nonce(?:_draft_00)?)":"[^"]+"', r'"\1":"<c_nonce>"', text)
text = re.sub(r'/tmp/tmp\.\w+/jar', 'JAR', text)
sys.stdout.write(text)
EOF
