#!/usr/bin/env bash
# The project's test command (README "Run the tests"; .ci/run calls exactly this). On a fresh Debian machine with
# only a JDK it first installs the system packages the tests use as real peers, then runs the whole build with the
# release profile (everything Maven Central needs, without signing), then checks that a second build makes
# byte-identical jars. The Spring Boot sample's test runs a second time on Boot 4. Extra arguments go to the Maven
# builds, e.g. `scripts/test.sh -Dfuzz.skip`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-test-peers.sh
./mvnw -B -Prelease -Dgpg.skip verify "$@"
if [ "${MAILGATE_SKIP_REPRODUCIBILITY:-}" = 1 ]; then
  echo "reproducibility check skipped (MAILGATE_SKIP_REPRODUCIBILITY=1)"
else
  scripts/check-reproducible.sh
fi
# The Spring Boot starter is compiled against Boot 3.5 (above, with its sample on 3.5); users straddle 3.5 and 4.0, so
# the sample application's end-to-end test runs again on Boot 4.0 with the same starter jar (issue 21). Upstream
# modules are only compiled here: their tests ran above. After the reproducibility check, which compares the first
# build's jars.
./mvnw -B -Pboot4 -pl spring-boot-sample -am -Dtest=NewsletterApplicationTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dmaven.javadoc.skip -Dmaven.source.skip verify "$@"
