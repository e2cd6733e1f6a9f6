#!/usr/bin/env bash
# Build Ory Hydra RELEASE (e.g. v2.3.0) from its published Go module, using the wrapper module
# in targets/hydra/build/RELEASE/. The binary goes to
#   ${XDG_CACHE_HOME:-$HOME/.cache}/oidc-harness/hydra/RELEASE/hydra
# and is reused when it is already there (and was built from the same wrapper files).
#
# Progress goes to stderr; the last line on stdout is the path of the binary.
#
# Usage: targets/hydra/build.sh RELEASE        (RELEASE: v2.3.0 or v2.2.0)
#        HYDRA_REBUILD=1 targets/hydra/build.sh RELEASE   forces a rebuild
set -euo pipefail

say() { printf '%s\n' "$*" >&2; }
die() { say "hydra build: error: $*"; exit 1; }

[ $# -eq 1 ] || die "usage: $0 RELEASE (one of: $(cd "$(dirname "$0")/build" && echo *))"
release="$1"
case "$release" in v*) ;; *) release="v$release" ;; esac

here="$(cd "$(dirname "$0")" && pwd)"
src="$here/build/$release"
[ -f "$src/go.mod" ] || die "no wrapper module for Ory Hydra $release in $src (known: $(cd "$here/build" && echo *))"

out_dir="${XDG_CACHE_HOME:-$HOME/.cache}/oidc-harness/hydra/$release"
bin="$out_dir/hydra"
stamp="$out_dir/hydra.stamp"

# Fingerprint of everything that decides what gets built: the wrapper module's files and the
# build recipe below (bump recipe when the go build flags change).
recipe="sqlite,sqlite_omit_load_extension;trimpath;ldflags-version;1"
fingerprint="$( (cat "$src"/*; printf '%s' "$recipe") | cksum | cut -d' ' -f1)"

if [ -z "${HYDRA_REBUILD:-}" ] && [ -x "$bin" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$fingerprint" ]; then
  say "reusing cached Ory Hydra $release: $bin"
  printf '%s\n' "$bin"
  exit 0
fi

command -v go >/dev/null 2>&1 || die "the Go toolchain ('go', 1.22 or newer) is not on PATH; it is needed to build Ory Hydra $release"
cc="$(go env CC 2>/dev/null || true)"; cc="${cc%% *}"
command -v "${cc:-gcc}" >/dev/null 2>&1 || die "no C compiler ('${cc:-gcc}') on PATH; CGO is needed for Hydra's sqlite (DSN=memory) support"

mkdir -p "$out_dir"
# Serialise concurrent builds of the same release.
if command -v flock >/dev/null 2>&1; then
  exec 9>"$out_dir/.lock"
  flock 9
  # Another process may have finished the build while we waited.
  if [ -z "${HYDRA_REBUILD:-}" ] && [ -x "$bin" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$fingerprint" ]; then
    say "reusing cached Ory Hydra $release: $bin"
    printf '%s\n' "$bin"
    exit 0
  fi
fi

start=$SECONDS
cd "$src"
export CGO_ENABLED=1 GOFLAGS="-mod=readonly"

say "downloading modules for Ory Hydra $release (first build takes several minutes)…"
go mod download

# Stamp version information the way Hydra's release build does (driver/config/buildinfo.go).
info="$(go mod download -json "github.com/ory/hydra/v2@$release")"
commit="$(printf '%s' "$info" | sed -n 's/.*"Hash": *"\([0-9a-f]*\)".*/\1/p' | head -1)"
date="$(sed -n 's/.*"Time":"\([^"]*\)".*/\1/p' "$(printf '%s' "$info" | sed -n 's/.*"Info": *"\([^"]*\)".*/\1/p')" 2>/dev/null || true)"
pkg="github.com/ory/hydra/v2/driver/config"
ldflags="-X $pkg.Version=$release -X $pkg.Commit=${commit:-undefined} -X $pkg.Date=${date:-undefined}"

# Optional per-release fix-up step (see build/v2.2.0/prepare.sh): it prints an alternate go.mod.
modfile=()
if [ -x "$src/prepare.sh" ]; then
  work="$out_dir/work"
  rm -rf "$work" && mkdir -p "$work"
  say "preparing: $src/prepare.sh"
  modfile=("-modfile=$("$src/prepare.sh" "$work")")
fi

say "compiling Ory Hydra $release with -tags sqlite,sqlite_omit_load_extension (CGO)…"
tmp="$out_dir/hydra.tmp.$$"
trap 'rm -f "$tmp"' EXIT
go build "${modfile[@]}" -trimpath -buildvcs=false -tags sqlite,sqlite_omit_load_extension -ldflags "$ldflags" -o "$tmp" .
mv -f "$tmp" "$bin"
printf '%s\n' "$fingerprint" > "$stamp"

say "built Ory Hydra $release in $((SECONDS - start)) s: $bin"
printf '%s\n' "$bin"
