# Sourced by bin/test: makes sure the real servers the tests use are installed.
# As root it installs missing Debian packages with apt-get; otherwise it says what to install
# and the affected tests skip loudly.

eson_require_packages() { # $1 = binary to look for, rest = Debian packages that provide it
  local binary=$1; shift
  if command -v "$binary" >/dev/null 2>&1 || [ -x "/usr/sbin/$binary" ]; then
    return 0
  fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing $* (needed by the tests: $binary)..." >&2
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-get install -y -q "$@" >&2; then
      apt-get update -q >&2 && apt-get install -y -q "$@" >&2 || {
        echo "Could not install $* with apt-get." >&2; return 1; }
    fi
    return 0
  fi
  echo "WARNING: $binary is not installed and this is not root: tests needing it will be SKIPPED." >&2
  echo "         Install with: sudo apt-get install -y $*" >&2
  return 2
}

eson_prepare_servers() {
  local status=0
  eson_require_packages named bind9 bind9-utils bind9-dnsutils || status=$?
  case $status in
    0) export ESON_REQUIRE_BIND9=1 ;;  # installed: a DNS test that cannot find it must fail, not skip
    1) exit 1 ;;
  esac
}
