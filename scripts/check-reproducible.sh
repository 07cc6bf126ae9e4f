#!/usr/bin/env bash
# Reproducible builds (https://reproducible-builds.org, Maven's project.build.outputTimestamp): builds the published
# artifacts a second time from the same sources and fails when any jar differs by a single byte from the one the
# previous build left in target/. Run after a build, e.g. by scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
# every module of the root POM except those never published (PublicationMetadataTest checks the same split)
mapfile -t published < <(sed -n 's|^ *<module>\(.*\)</module>.*|\1|p' pom.xml | grep -vxE 'bom|examples|benchmarks|fuzz|spring-boot-sample')
before="$(mktemp)"; after="$(mktemp)"
trap 'rm -f "$before" "$after"' EXIT
# original-*.jar is the shade plugin's input, kept beside the executable jar, never published
sums() { for m in "${published[@]}"; do sha256sum "$m"/target/*.jar; done | grep -v /original- | sort -k2; }
sums > "$before"
[ -s "$before" ] || { echo "no jars in target/: build first" >&2; exit 1; }
# the reactor without the unpublished modules (the root POM and the BOM must be in it: nothing is installed)
./mvnw -B -q -Prelease -Dgpg.skip -DskipTests -Dfuzz.skip -pl '!examples,!benchmarks,!fuzz,!spring-boot-sample' clean package
sums > "$after"
if diff "$before" "$after"; then
  echo "reproducible: $(wc -l < "$after") jars byte-identical in a second build"
else
  echo "NOT reproducible: the jars above differ between two builds of the same sources" >&2
  exit 1
fi
