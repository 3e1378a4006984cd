#!/bin/sh
# Vendor axe-core, the accessibility engine the browser tests run on every page, from its
# pinned npm package into tests/browser/vendor/ (committed): the tests inject the file into
# Chromium and download nothing. Run it (`make axe`) after changing the version, and commit.
set -eu

AXE=axe-core@4.14.1
OUT=tests/browser/vendor

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent --json "$AXE" > packed.json)
tar -xzf "$tmp"/axe-core-*.tgz -C "$tmp"
mkdir -p "$OUT"
cp "$tmp/package/axe.min.js" "$OUT/axe.min.js"
cp "$tmp/package/LICENSE" "$OUT/LICENSE-axe-core"
node -e '
const [p] = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
process.stdout.write(`# Vendored by scripts/vendor-axe.sh; do not edit.\n${p.name}@${p.version} ${p.integrity} (MPL-2.0)\n`);
' "$tmp/packed.json" > "$OUT/VERSIONS"
cat "$OUT/VERSIONS"
