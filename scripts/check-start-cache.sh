#!/usr/bin/env bash
# Checks ./detour's start-up cache by hand; not part of the test suite, because it builds the jar if needed and
# trains a cache (seconds of CPU). For each JDK home given (default: the one scripts/java-home.sh picks), a start
# makes one cache next to the jar (a JDK 25+ AOT cache, an AppCDS archive on JDK 21-24), later starts reuse it and
# really map it (the JVM is told to fail if it cannot), a changed jar gets a new one (the old one removed), another
# JDK (the same one under another path) gets its own without removing this one's, a cache the JVM refused
# (truncated) or crashed with (garbage inside) is made again by the next start, once per jar, a crash the cache
# did not cause keeps it, and DETOUR_START_CACHE=off starts without one.
#   scripts/check-start-cache.sh [JDK_HOME...]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
fail() { echo "check-start-cache: $*" >&2; exit 1; }
caches() { ls app/target/detour-start-*.aot app/target/detour-start-*.jsa 2>/dev/null || true; }

check() {
  export JAVA_HOME="$1"
  local feature suffix must_map first stamp second sound
  feature=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$JAVA_HOME/release" 2>/dev/null | head -n 1)
  [ -n "$feature" ] && [ "$feature" -ge 21 ] || fail "$JAVA_HOME is not a JDK 21 or newer"
  if [ "$feature" -ge 25 ]; then suffix=aot; must_map=-XX:AOTMode=on; else suffix=jsa; must_map=-Xshare:on; fi

  rm -f app/target/detour-start-*
  ./detour --version >/dev/null
  first="$(caches)"
  [ "$(printf '%s\n' "$first" | grep -c .)" -eq 1 ] || fail "JDK $feature: expected one cache after a start, found: ${first:-none}"
  [ "${first##*.}" = "$suffix" ] || fail "JDK $feature: expected a .$suffix cache, found $first"
  stamp="$(stat -c %Y "$first")"

  DETOUR_JAVA_OPTS="$must_map" ./detour models >/dev/null 2>&1 \
      || fail "JDK $feature: the second start could not map $first ($must_map)"
  [ "$(caches)" = "$first" ] && [ "$(stat -c %Y "$first")" = "$stamp" ] || fail "JDK $feature: the second start did not reuse $first"

  touch app/target/detour.jar
  ./detour --version >/dev/null
  second="$(caches)"
  [ -n "$second" ] && [ "$second" != "$first" ] || fail "JDK $feature: a changed jar kept the cache $first"
  [ ! -e "$first" ] || fail "JDK $feature: the cache of the old jar, $first, was not removed"
  DETOUR_JAVA_OPTS="$must_map" ./detour --version >/dev/null 2>&1 \
      || fail "JDK $feature: the start after the jar changed could not map $second ($must_map)"

  other="$(mktemp -d)"
  ln -s "$JAVA_HOME" "$other/jdk"
  JAVA_HOME="$other/jdk" ./detour --version >/dev/null
  [ -e "$second" ] || fail "JDK $feature: a start on another JDK removed this JDK's cache $second"
  third="$(caches | grep -v -x -F "$second" || true)"
  [ "$(printf '%s\n' "$third" | grep -c .)" -eq 1 ] || fail "JDK $feature: expected one cache of the other JDK, found: ${third:-none}"
  inodes="$(stat -c %i "$second" "$third")"
  ./detour --version >/dev/null
  JAVA_HOME="$other/jdk" DETOUR_JAVA_OPTS="$must_map" ./detour --version >/dev/null 2>&1 \
      || fail "JDK $feature: the other JDK could not map its cache $third"
  [ "$(stat -c %i "$second" "$third" 2>/dev/null)" = "$inodes" ] || fail "JDK $feature: alternating JDKs made a cache again"
  rm -f "$third" "$third".*
  rm -rf "$other"

  truncate -s 4096 "$second"
  ./detour --version >/dev/null 2>&1 || true
  ./detour --version >/dev/null || fail "JDK $feature: the start after one that refused a truncated cache failed"
  [ "$(stat -c %s "$second" 2>/dev/null || echo 0)" -gt 4096 ] || fail "JDK $feature: a truncated cache was not made again"
  DETOUR_JAVA_OPTS="$must_map" ./detour --version >/dev/null 2>&1 \
      || fail "JDK $feature: the start after the cache was made again could not map it ($must_map)"
  printf 'garbage!' | dd of="$second" bs=1 seek=4096 conv=notrunc 2>/dev/null
  ./detour --version >/dev/null 2>&1 || true
  ./detour --version >/dev/null 2>&1 || fail "JDK $feature: the start after one with a damaged cache failed"
  [ ! -e "$second" ] || fail "JDK $feature: a cache damaged twice for one jar is still used"
  ./detour --version >/dev/null || fail "JDK $feature: the start without a cache after it was damaged twice failed"
  [ -z "$(ls hs_err_pid*.log 2>/dev/null)" ] || fail "JDK $feature: a crash report was left in the working directory"
  touch app/target/detour.jar
  ./detour --version >/dev/null
  DETOUR_JAVA_OPTS="$must_map" ./detour --version >/dev/null 2>&1 \
      || fail "JDK $feature: a changed jar after a damaged cache got no cache it can map"
  sound="$(caches)"
  echo "a crash report of a JVM that crashed for another reason" > "$sound.crash"
  ./detour --version 2>&1 >/dev/null | grep -q "not the cause and is kept" \
      || fail "JDK $feature: a crash the cache did not cause was not told as such"
  [ "$(caches)" = "$sound" ] && [ ! -e "$sound.crash" ] && [ -s app/target/detour-crash.log ] \
      || fail "JDK $feature: a crash the cache did not cause removed it, or its report was not moved"

  DETOUR_START_CACHE=off ./detour --version >/dev/null || fail "JDK $feature: the start without a cache failed"
  echo "check-start-cache: JDK $feature ($JAVA_HOME): made $first, reused and mapped it, replaced it by $second after the jar changed;"\
      "kept it beside another JDK's; made it again after the JVM refused it, started without it after a second damage,"\
      "and kept one that a crash it did not cause left behind"
}

if [ "$#" -eq 0 ]; then set -- "$(scripts/java-home.sh)"; fi
for home in "$@"; do check "$home"; done
