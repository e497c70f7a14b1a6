#!/usr/bin/env bash
# Extracts every translatable string of the engine, the models, the console and the CLI into updraft_en.ts (Qt
# Linguist), then fills its English plural forms. Run it after changing a string; --check (a CTest) fails when
# updraft_en.ts is not what this would write.
#   resources/translations/update.sh [--check]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
root="$(cd ../.. && pwd)"
lupdate="$(command -v lupdate6 || command -v /usr/lib/qt6/bin/lupdate || true)"
[[ -x "$lupdate" ]] || { echo "lupdate (Debian qt6-l10n-tools) is not installed" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp updraft_en.ts "$work/updraft_en.ts" 2>/dev/null || true
(cd "$root" && "$lupdate" -silent -no-obsolete -locations none -source-language en -target-language en \
    engine models ui app -ts "$work/updraft_en.ts")
python3 english-plurals.py "$work/updraft_en.ts"
if [[ "${1:-}" == "--check" ]]; then
    diff -u updraft_en.ts "$work/updraft_en.ts" >&2 || {
        echo "updraft_en.ts is not current: run resources/translations/update.sh" >&2
        exit 1
    }
else
    cp "$work/updraft_en.ts" updraft_en.ts
fi
