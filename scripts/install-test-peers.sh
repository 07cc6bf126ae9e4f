#!/usr/bin/env bash
# Installs, when missing, the Debian packages the tests use as real peers or independent checkers:
# - postgresql (PostgreSQL 15): the suppression store's tests start a throw-away cluster with its initdb/pg_ctl
#   (as the postgres user when run as root);
# - python3-dkim, python3-nacl: dkimpy verifies the DKIM signatures we make (rsa-sha256 and ed25519-sha256).
# Needs root or password-less sudo when something is missing; says what to install otherwise.
set -euo pipefail
missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
/usr/bin/python3 -c 'import dkim, nacl' >/dev/null 2>&1 || missing+=(python3-dkim python3-nacl)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ]; then
  SUDO=""
elif sudo -n true 2>/dev/null; then
  SUDO="sudo -n"
else
  echo "The tests need these Debian packages: ${missing[*]}. Install them (sudo apt-get install ${missing[*]}) and run again." >&2
  exit 1
fi
echo "installing the test peers: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get install -y -q "${missing[@]}" >/dev/null \
  || { $SUDO apt-get update -q >/dev/null && $SUDO apt-get install -y -q "${missing[@]}" >/dev/null; }
