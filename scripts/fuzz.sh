#!/usr/bin/env bash
# Fuzzes every Jazzer target of the fuzz module (or the ones named) for about SECONDS each.
#   scripts/fuzz.sh                 # 8 s per target, as CI does
#   scripts/fuzz.sh 600             # the longer mode: 10 minutes per target
#   scripts/fuzz.sh 60 AddressFuzzTest#parse
# A session lasts FuzzBudget.CI; longer runs repeat sessions, each resuming from the corpus the last one grew
# (fuzz/.cifuzz-corpus, not committed). A finding fails the run and Jazzer writes the crashing input into
# fuzz/src/test/resources/dev/mailgate/fuzz/<Test>Inputs/<method>/, where it stays as a regression case.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-8}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(AddressFuzzTest#parse BounceParserFuzzTest#parse CallbackCodecFuzzTest#genericSmtp CallbackCodecFuzzTest#cloudMailin
           MimeRoundTripFuzzTest#roundTrip SmtpReplyFuzzTest#read TokenFuzzTest#verpDecode TokenFuzzTest#unsubscribeVerify
           DnsResponseFuzzTest#parse)
fi
./mvnw -q -B -pl fuzz -am install -DskipTests >/dev/null
for target in "${targets[@]}"; do
  end=$(( $(date +%s) + seconds ))
  runs=0
  while :; do
    JAZZER_FUZZ=1 ./mvnw -q -B -o -pl fuzz surefire:test -Dtest="$target" -Dsurefire.failIfNoSpecifiedTests=false > "fuzz/target/fuzz-${target//#/-}.log" 2>&1 \
      || { echo "FINDING in $target: see fuzz/target/fuzz-${target//#/-}.log"; tail -40 "fuzz/target/fuzz-${target//#/-}.log"; exit 1; }
    runs=$((runs + 1))
    [ "$(date +%s)" -ge "$end" ] && break
  done
  execs=$(grep -ho 'Done [0-9]* runs' "fuzz/target/fuzz-${target//#/-}.log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "fuzz/target/fuzz-${target//#/-}.log" | tail -1)
  echo "$target: $runs session(s), last: $execs, $cov"
done
