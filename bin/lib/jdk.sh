# Sourced by the launchers: finds a JDK >= 21 and exports JAVA_HOME, or explains and exits.
# Order: $JAVA_HOME, then the newest JDK under /usr/lib/jvm, then java on PATH.

eson_java_major() { # prints the major version of the java binary $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n 1 | cut -d. -f1
}

eson_find_jdk() {
  local candidate major best="" best_major=0
  for candidate in ${JAVA_HOME:+"$JAVA_HOME"} /usr/lib/jvm/* ; do
    [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(eson_java_major "$candidate/bin/java")
    [ -n "$major" ] && [ "$major" -ge 21 ] 2>/dev/null || continue
    if [ -n "${JAVA_HOME:-}" ] && [ "$candidate" = "$JAVA_HOME" ]; then best=$candidate; break; fi
    if [ "$major" -gt "$best_major" ]; then best=$candidate; best_major=$major; fi
  done
  if [ -z "$best" ] && command -v javac >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    major=$(eson_java_major "$candidate/bin/java")
    [ -n "$major" ] && [ "$major" -ge 21 ] 2>/dev/null && best=$candidate
  fi
  if [ -z "$best" ]; then
    echo "ESON needs a JDK 21 or newer (Helidon 4 requires it)." >&2
    echo "None found in JAVA_HOME${JAVA_HOME:+ ($JAVA_HOME)}, /usr/lib/jvm/* or on PATH." >&2
    echo "Install one (for example: apt-get install openjdk-21-jdk-headless) or set JAVA_HOME." >&2
    exit 1
  fi
  export JAVA_HOME=$best
  export PATH="$JAVA_HOME/bin:$PATH"
}

# Builds the module jars once, when missing (or when ESON_REBUILD=1).
eson_ensure_built() { # $1 = jar path relative to the repository root
  local root=$1; shift
  local jar
  for jar in "$@"; do
    if [ "${ESON_REBUILD:-0}" = 1 ] || [ ! -f "$root/$jar" ]; then
      command -v mvn >/dev/null 2>&1 || { echo "Maven (mvn) is needed to build ESON the first time." >&2; exit 1; }
      echo "Building ESON (first run; takes a minute)..." >&2
      (cd "$root" && mvn -B -q -DskipTests package) >&2 || { echo "Build failed." >&2; exit 1; }
      return 0
    fi
  done
}
