# Sourced by ./mvnw, ./openvitals and .ci/run: makes JAVA_HOME point at a JDK 25 or newer
# when the one in use is older (Debian's default java is 17; Temurin 25 lives under /usr/lib/jvm).
# The JDK's release file names its version without starting a JVM, which cost every ./openvitals
# command a tenth of a second or more; a JDK without one is asked.
ov_java_major() {
  if [ -f "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release"
  else
    "$1/bin/java" -XshowSettings:properties -version 2>&1 \
      | awk -F'= ' '/java.specification.version/ { split($2, v, "."); print v[1]; exit }'
  fi
}
ov_jdk_ok() { [ -x "$1/bin/javac" ] && [ "$(ov_java_major "$1")" -ge 25 ] 2>/dev/null; }
if [ -z "${JAVA_HOME:-}" ] || ! ov_jdk_ok "$JAVA_HOME"; then
  ov_found=""
  ov_path_java=$(command -v javac 2>/dev/null || true)
  for ov_candidate in ${ov_path_java:+"$(dirname "$(dirname "$(readlink -f "$ov_path_java")")")"} \
      /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    if ov_jdk_ok "$ov_candidate"; then ov_found=$ov_candidate; break; fi
  done
  if [ -z "$ov_found" ]; then
    echo "OpenVitals needs a JDK 25 or newer; none was found in JAVA_HOME, on the PATH or under /usr/lib/jvm." >&2
    echo "Install one (for example Temurin 25) and set JAVA_HOME to it." >&2
    exit 1
  fi
  export JAVA_HOME=$ov_found
fi
unset ov_found ov_path_java ov_candidate
