#!/usr/bin/env bash
# Prints the home of a JDK >= 21 (a javac next to java), preferring $JAVA_HOME, then the java on PATH,
# then the newest one installed in the usual places. Exits 1, saying what to install, when none is found.
# Used by .ci/run and ./detour; source-free so it works from any shell.
set -u
min=21

feature_version() {
  # $1 = JDK home; prints its feature version (17, 21, 25...) or nothing
  local release="$1/release" v
  if [ -r "$release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$release" | head -n 1)
    [ "$v" = 1 ] && v=$(sed -n 's/^JAVA_VERSION="1\.\([0-9]*\).*/\1/p' "$release" | head -n 1)
  fi
  if [ -z "${v:-}" ] && [ -x "$1/bin/java" ]; then
    v=$("$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9][0-9]*\).*/\1/p' | head -n 1)
  fi
  printf '%s' "${v:-}"
}

usable() {
  [ -n "$1" ] && [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  local v; v=$(feature_version "$1")
  [ -n "$v" ] && [ "$v" -ge "$min" ]
}

if [ -n "${JAVA_HOME:-}" ] && usable "$JAVA_HOME"; then
  printf '%s\n' "$JAVA_HOME"; exit 0
fi

if command -v javac >/dev/null 2>&1; then
  home=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
  if usable "$home"; then printf '%s\n' "$home"; exit 0; fi
fi

best=""; best_v=0
for home in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* /opt/*jdk* \
            "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* \
            /Library/Java/JavaVirtualMachines/*/Contents/Home; do
  [ -d "$home" ] || continue
  home=$(readlink -f "$home")
  usable "$home" || continue
  v=$(feature_version "$home")
  if [ "$v" -gt "$best_v" ]; then best="$home"; best_v="$v"; fi
done
if [ -n "$best" ]; then printf '%s\n' "$best"; exit 0; fi

echo "No JDK $min or newer found (looked at JAVA_HOME, PATH, /usr/lib/jvm, /opt, ~/.sdkman)." >&2
echo "Install one (for example Temurin 21 or 25 from https://adoptium.net) and set JAVA_HOME to it." >&2
exit 1
