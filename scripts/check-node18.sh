#!/usr/bin/env bash
# Builds the web UI with Debian 12's own Node.js 18 and npm 9, whatever Node
# the machine has installed, and leaves that Node alone: the Debian packages
# (nodejs 18.x, libnode108, npm and the node-* modules it is made of) are only
# downloaded and unpacked into a scratch directory, which a private mount
# namespace lays over /usr (Debian's node loads some of its built-in modules
# from /usr/share/nodejs, so it cannot simply run from elsewhere). In there it
# runs `npm ci` and `vite build` on a copy of web/ and checks the message
# catalog. Needs root (unshare, mount) and apt sources for Debian 12
# (bookworm). Not part of CI: docs/WEB_UI.md ("Node 18") has the result.
#   scripts/check-node18.sh            # NODE18_DIR=/tmp/node18 by default
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${NODE18_DIR:-/tmp/node18-check}
version=$(apt-cache madison nodejs | awk '$3 ~ /^18\./ {print $3; exit}')
if [ -z "$version" ]; then
  echo "check-node18.sh: apt knows no nodejs 18.x (run apt-get update; Debian 12 sources needed)" >&2
  exit 2
fi
mkdir -p "$dir/debs" "$dir/usr" "$dir/upper" "$dir/work"
if [ ! -x "$dir/usr/usr/bin/node" ]; then
  # --download-only: nothing is installed; the system's nodejs stays as it is.
  apt-get install -y -qq --download-only --allow-downgrades -o Dir::Cache::archives="$dir/debs" \
    "nodejs=$version" npm >/dev/null
  for deb in "$dir"/debs/*.deb; do dpkg -x "$deb" "$dir/usr"; done
fi
rm -rf "$dir/web" "$dir/upper" "$dir/work" && mkdir -p "$dir/web" "$dir/upper" "$dir/work"
(cd "$root/web" && tar cf - --exclude=node_modules --exclude=dist .) | tar xf - -C "$dir/web"
# The catalog test reads the scoping interview's questions from ../src.
mkdir -p "$dir/src/scope" && cp "$root/src/scope/interview.cpp" "$dir/src/scope/"
unshare -m sh -ec "
  mount -t overlay overlay -o lowerdir=$dir/usr/usr:/usr,upperdir=$dir/upper,workdir=$dir/work /usr
  cd $dir/web
  echo \"node \$(node --version), npm \$(npm --version)\"
  npm ci --no-audit --no-fund
  npx vite build
  node tests/messages.test.mjs
"
echo "check-node18.sh: web UI built with Debian's nodejs $version (dist in $dir/web/dist)"
