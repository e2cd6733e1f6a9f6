#!/usr/bin/env bash
# Called by ../../build.sh from this directory with an empty work directory as $1; prints the
# path of an alternate go.mod for `go build -modfile=…` on stdout.
#
# Hydra v2.2.0 builds its CLI against its own ./internal/httpclient, which is not published.
# The published github.com/ory/hydra-client-go/v2 v2.1.1 (the version Hydra's go.mod requires)
# matches it except for one field, OAuth2Client.SkipLogoutConsent, set by `hydra create client`.
# This copies that module out of the module cache, adds the field (and its JSON serialisation),
# and points a copy of go.mod at the patched copy. `hydra serve` does not import the client.
set -euo pipefail
work="$1"
mod="github.com/ory/hydra-client-go/v2"
ver="$(go list -m -f '{{.Version}}' "$mod")"
dir="$(go list -m -f '{{.Dir}}' "$mod")"
[ -n "$dir" ] && [ -d "$dir" ] || dir="$(go mod download -json "$mod@$ver" | sed -n 's/.*"Dir": *"\([^"]*\)".*/\1/p')"
copy="$work/hydra-client-go"
rm -rf "$copy"
cp -R "$dir" "$copy"
chmod -R u+w "$copy"
f="$copy/model_o_auth2_client.go"
sed -i -e 's|^\(\tSkipConsent \*bool `json:"skip_consent,omitempty"`\)$|\1\n\tSkipLogoutConsent *bool `json:"skip_logout_consent,omitempty"`|' \
       -e 's|^\(\t\ttoSerialize\["skip_consent"\] = o.SkipConsent\)$|\1\n\t}\n\tif o.SkipLogoutConsent != nil {\n\t\ttoSerialize["skip_logout_consent"] = o.SkipLogoutConsent|' "$f"
[ "$(grep -c SkipLogoutConsent "$f")" -eq 3 ] || { echo "prepare.sh: patching $f ($mod@$ver) failed" >&2; exit 1; }
cp go.mod "$work/go.mod"
cp go.sum "$work/go.sum"
printf '\nreplace %s => %s\n' "$mod" "$copy" >> "$work/go.mod"
printf '%s\n' "$work/go.mod"
