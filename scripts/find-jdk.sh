# Sourced by ./omnivox and models/fetch: exports JAVA_HOME pointing at a JDK >= 21 and puts it first on PATH.
# Order: $JAVA_HOME, then `java` on PATH, then the usual install locations (newest first).

omnivox_java_major() { # prints the major version of the java binary $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

omnivox_pick_jdk() {
  local candidates=() home major
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for home in $(ls -d /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
                    /Library/Java/JavaVirtualMachines/*/Contents/Home 2>/dev/null | sort -rV); do
    candidates+=("$home")
  done
  for home in "${candidates[@]}"; do
    [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || continue
    major=$(omnivox_java_major "$home/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      echo "$home"
      return 0
    fi
  done
  return 1
}

if ! OMNIVOX_JDK=$(omnivox_pick_jdk); then
  echo "Omnivox needs a JDK 21 or newer (java and javac), and none was found." >&2
  echo "Looked at \$JAVA_HOME, the java on PATH, /usr/lib/jvm, /opt/java, ~/.sdkman and /Library/Java." >&2
  echo "Install one (e.g. 'apt-get install openjdk-21-jdk-headless' or Temurin 21+) or set JAVA_HOME to it." >&2
  exit 1
fi
export JAVA_HOME="$OMNIVOX_JDK"
export PATH="$JAVA_HOME/bin:$PATH"
