#!/usr/bin/env bash
# The project's test command (README "Run the tests"; .ci/run calls exactly this). On a fresh Debian machine with
# only a JDK it first installs the system packages the tests use as real peers, then runs the whole build with the
# release profile (everything Maven Central needs, without signing), then checks that a second build makes
# byte-identical jars. Extra arguments go to the Maven build, e.g. `scripts/test.sh -Dfuzz.skip`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-test-peers.sh
./mvnw -B -Prelease -Dgpg.skip verify "$@"
if [ "${MAILGATE_SKIP_REPRODUCIBILITY:-}" = 1 ]; then
  echo "reproducibility check skipped (MAILGATE_SKIP_REPRODUCIBILITY=1)"
else
  scripts/check-reproducible.sh
fi
