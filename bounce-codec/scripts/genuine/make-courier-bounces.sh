#!/bin/sh
# Genuine Courier bounces for bounce-codec/src/test/resources/genuine/courier (issue 17). Debian 12's Courier MTA
# 1.0.16 relays one newsletter per case to the scripted remote (remote-mta.py; esmtproutes "domain:[ip],port",
# courier(8)) or delivers it locally into a failure made on purpose (.courier files of a local user, courier(8)
# "dot-courier"). Courier returns a message at once on a permanent failure and only after `queuetime` on a temporary
# one, so only the permanent (5xx) refusals are sent. The notices go to newsletter's Maildir and collect.py files
# them. Needs root and `apt-get install courier-mta`; it rewrites /etc/courier, so run it on a throw-away machine.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
# BATCH=2: the second batch (cases_b2.py) only, into genuine/courier-b2, without the local cases of the first
batch=${BATCH:-1}
if [ "$batch" = 2 ]; then sel="--batch 2"; out=${1:-$here/../../src/test/resources/genuine/courier-b2}
else sel=""; out=${1:-$here/../../src/test/resources/genuine/courier}; fi
work=$(mktemp -d); chmod 755 "$work"
python3 "$here/remote-mta.py" 2525 2>"$work/remote.log" & remote=$!
courier stop >/dev/null 2>&1 || true
trap 'kill $remote; courier stop >/dev/null 2>&1 || true; authdaemond stop >/dev/null 2>&1 || true' EXIT
echo mta.mailgate.test > /etc/courier/me
echo mta.mailgate.test > /etc/courier/defaultdomain
printf 'mta.mailgate.test\nlocalhost\n' > /etc/courier/locals
{ echo "remote.test:[127.0.0.1],2525"
  python3 "$here/cases.py" routes | while read -r d ip; do echo "$d:[$ip],2525"; done; } > /etc/courier/esmtproutes
for u in newsletter pipeuser; do id $u >/dev/null 2>&1 || useradd -m $u; done
rm -rf ~newsletter/Maildir; su -s /bin/sh newsletter -c "maildirmake \$HOME/Maildir"
# dot-courier: pipeuser-<ext>@ is delivered by ~pipeuser/.courier-<ext>; a program's exit code is read as sysexits
# Courier's notice shows what the program printed, not its exit code, so the EX_NOUSER one says so as a delivery
# agent would ("Unknown user"); the others print only that they failed
for x in unavailable:69 software:70 noperm:77 dataerr:65; do
  printf '| /bin/sh -c "echo delivery program failed; exit %s"\n' "${x#*:}" > ~pipeuser/.courier-${x%%:*}
done
printf '| /bin/sh -c "echo Unknown user pipeuser-nouser; exit 67"\n' > ~pipeuser/.courier-nouser
chown pipeuser ~pipeuser/.courier-*; chmod 644 ~pipeuser/.courier-*
authdaemond start >/dev/null 2>&1 || /usr/lib/courier/courier-authlib/authdaemond start || true
courier start; sleep 2
cat > "$work/local-cases.tsv" <<TSV
l-unknown	nosuchuser@mta.mailgate.test	userunknown
l-nodomain	someone@nonexistent-domain.invalid	hostunknown
pipe-nouser	pipeuser-nouser@mta.mailgate.test	userunknown
pipe-unavailable	pipeuser-unavailable@mta.mailgate.test	mailererror
pipe-software	pipeuser-software@mta.mailgate.test	mailererror
pipe-noperm	pipeuser-noperm@mta.mailgate.test	mailererror
pipe-dataerr	pipeuser-dataerr@mta.mailgate.test	mailererror
TSV
[ "$batch" = 2 ] && : > "$work/local-cases.tsv"
send() { # case id, recipient
  printf 'From: Mailgate News <newsletter@mta.mailgate.test>\nTo: <%s>\nSubject: December newsletter (%s)\nMessage-ID: <courier-%s@mta.mailgate.test>\nDate: Thu, 03 Dec 2026 06:00:00 +0000\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\nHello, this is the December newsletter.\n' \
    "$2" "$1" "$1" | su -s /bin/sh newsletter -c "/usr/sbin/sendmail -f newsletter@mta.mailgate.test '$2'" || true
}
python3 "$here/cases.py" recipients $sel --permanent | while read -r r; do
  id=${r%%@*}; [ "$id" = user ] && { id=${r#user@}; id=${id%.test}; }
  send "$id" "$r"
done
cut -f1,2 "$work/local-cases.tsv" | while read -r id r; do send "$id" "$r"; done
want=$(( $(python3 "$here/cases.py" recipients $sel --permanent | wc -l) + $(wc -l < "$work/local-cases.tsv") ))
for i in $(seq 1 24); do
  n=$(ls ~newsletter/Maildir/new | wc -l); [ "$n" -ge "$want" ] && break; sleep 5
done
python3 "$here/collect.py" courier ~newsletter/Maildir "$work/local-cases.tsv" "$out"
