#!/usr/bin/env bash
# Checks ./detour's start-up cache by hand; not part of the test suite, because it builds the jar if needed and
# trains a cache (seconds of CPU). A start makes one cache next to the jar, later starts reuse it, a changed jar
# gets a new one (the old one removed), and DETOUR_START_CACHE=off starts without one.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
fail() { echo "check-start-cache: $*" >&2; exit 1; }
caches() { ls app/target/detour-start-*.aot app/target/detour-start-*.jsa 2>/dev/null || true; }

./detour --version >/dev/null
first="$(caches)"
[ "$(printf '%s\n' "$first" | grep -c .)" -eq 1 ] || fail "expected one cache after a start, found: ${first:-none}"
stamp="$(stat -c %Y "$first")"

./detour --version >/dev/null
[ "$(caches)" = "$first" ] && [ "$(stat -c %Y "$first")" = "$stamp" ] || fail "the second start did not reuse $first"

touch app/target/detour.jar
./detour --version >/dev/null
second="$(caches)"
[ -n "$second" ] && [ "$second" != "$first" ] || fail "a changed jar kept the cache $first"
[ ! -e "$first" ] || fail "the cache of the old jar, $first, was not removed"

DETOUR_START_CACHE=off ./detour --version >/dev/null || fail "the start without a cache failed"
echo "check-start-cache: made $first, reused it, replaced it by $second after the jar changed"
