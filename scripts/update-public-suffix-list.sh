#!/bin/sh
# Replaces the Public Suffix List bundled in mailgate-core (used for DMARC organizational domains).
# Sources, in order: https://publicsuffix.org/list/public_suffix_list.dat; else the unmodified copy that Apache
# HttpClient 5 ships (Maven Central, which release machines reach); Debian's `publicsuffix` package is no longer
# used because Debian 12's copy is from 2023. The list's own "// VERSION:" header is what PublicSuffixListTest
# checks: the build fails once the bundled copy is older than a year. Run before a release, commit both files.
set -eu
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="$root/core/src/main/resources/dev/mailgate/core/address"
new="$dir/public_suffix_list.dat.new"
if curl -fsS -m 30 -o "$new" https://publicsuffix.org/list/public_suffix_list.dat; then
  source="publicsuffix.org"
else
  hc="${HTTPCLIENT5_VERSION:-5.6.5}"
  tmp="$(mktemp -d)"
  "$root/mvnw" -q -f "$root/pom.xml" dependency:copy -Dartifact="org.apache.httpcomponents.client5:httpclient5:$hc" \
    -DoutputDirectory="$tmp"
  unzip -p "$tmp/httpclient5-$hc.jar" org/publicsuffix/list/effective_tld_names.dat > "$new"
  rm -rf "$tmp"
  source="org.apache.httpcomponents.client5:httpclient5:$hc (org/publicsuffix/list/effective_tld_names.dat)"
fi
grep -q '^// VERSION: ' "$new" || { echo "the new list has no // VERSION: header" >&2; rm -f "$new"; exit 1; }
version="$(sed -n 's|^// VERSION: ||p' "$new" | head -1)"
commit="$(sed -n 's|^// COMMIT: ||p' "$new" | head -1)"
echo "publicsuffix.org list VERSION $version, COMMIT $commit, unmodified, taken from $source on $(date -u +%Y-%m-%d)" \
  > "$dir/public_suffix_list.version"
mv "$new" "$dir/public_suffix_list.dat"
echo "updated: $(cat "$dir/public_suffix_list.version")"
