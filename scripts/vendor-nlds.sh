#!/bin/sh
# Vendor the NL Design System CSS of the caseworker and citizen pages from pinned npm packages
# into approvals/static/nlds/ (committed): the component library of Utrecht's NL Design System
# (its component classes, and the same components on plain HTML inside `.utrecht-html`) and
# the design tokens of the municipality of The Hague (both EUPL-1.2). The pages load the
# files as they are; nothing is built or downloaded when they are served or tested.
#
# Run it (`make nlds`) after changing a version below, and commit the result. Needs npm.
set -eu

COMPONENTS=@utrecht/component-library-css@9.0.4
TOKENS=@gemeente-denhaag/design-tokens-components@4.1.0
OUT=approvals/static/nlds

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent --json "$COMPONENTS" "$TOKENS" > packed.json)
mkdir -p "$tmp/components" "$tmp/tokens"
tar -xzf "$tmp"/utrecht-component-library-css-*.tgz -C "$tmp/components"
tar -xzf "$tmp"/gemeente-denhaag-design-tokens-components-*.tgz -C "$tmp/tokens"

mkdir -p "$OUT"
cp "$tmp/components/package/dist/index.css" "$OUT/utrecht-components.css"
cp "$tmp/components/package/dist/html.css" "$OUT/utrecht-html.css"
cp "$tmp/components/package/LICENSE.md" "$OUT/LICENSE-utrecht-components.md"
cp "$tmp/tokens/package/dist/theme/index.css" "$OUT/denhaag-theme.css"
node -e '
const packed = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const lines = ["# Vendored by scripts/vendor-nlds.sh; do not edit.", ""];
for (const p of packed) lines.push(`${p.name}@${p.version} ${p.integrity}`);
lines.push("", "utrecht-components.css  dist/index.css of the component library (EUPL-1.2)");
lines.push("utrecht-html.css        dist/html.css: the components on plain HTML (EUPL-1.2)");
lines.push("denhaag-theme.css       dist/theme/index.css of the tokens (EUPL-1.2)");
process.stdout.write(lines.join("\n") + "\n");
' "$tmp/packed.json" > "$OUT/VERSIONS"
echo "vendored into $OUT:"
cat "$OUT/VERSIONS"
