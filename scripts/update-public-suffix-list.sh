#!/bin/sh
# Replaces the Public Suffix List bundled in mailgate-core (used for DMARC organizational domains).
# Source: https://publicsuffix.org/list/public_suffix_list.dat, or Debian's `publicsuffix` package when the
# machine cannot reach publicsuffix.org. Run before a release and commit the two changed files.
set -eu
dir="$(dirname "$0")/../core/src/main/resources/dev/mailgate/core/address"
if curl -fsS -o "$dir/public_suffix_list.dat.new" https://publicsuffix.org/list/public_suffix_list.dat; then
  echo "publicsuffix.org $(date -u +%Y-%m-%d)" > "$dir/public_suffix_list.version"
else
  cp /usr/share/publicsuffix/public_suffix_list.dat "$dir/public_suffix_list.dat.new"
  echo "Debian publicsuffix $(dpkg-query -W -f '${Version}' publicsuffix) (/usr/share/publicsuffix/public_suffix_list.dat)" > "$dir/public_suffix_list.version"
fi
mv "$dir/public_suffix_list.dat.new" "$dir/public_suffix_list.dat"
echo "updated: $(cat "$dir/public_suffix_list.version")"
