#!/bin/sh
# Genuine OpenSMTPD bounces for bounce-codec/src/test/resources/genuine/opensmtpd (issue 17). Debian 12's OpenSMTPD
# 6.8 relays one newsletter per case to the scripted remote (remote-mta.py, the refusals of cases.py; one relay
# action per session-level address) or delivers it locally into a failure made on purpose. Only permanent failures
# are filed: when OpenSMTPD 6.8's queue lifetime ends it sends a notice with "Action: delayed", "Status: 4.4.7" and
# "Envelope expired" (tried here with `queue ttl 1s`), not a failure report, so temporary refusals give no bounce to
# file; they stay queued and are dropped when the script ends. The notices go to newsletter's mbox and collect.py
# files them. Needs root and `apt-get install opensmtpd`; it runs its
# own smtpd with /etc/smtpd-genuine.conf and listens on nothing but its control socket.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
# BATCH=2: the second batch (cases_b2.py) only, into genuine/opensmtpd-b2, without the local cases of the first
batch=${BATCH:-1}
if [ "$batch" = 2 ]; then sel="--batch 2"; out=${1:-$here/../../src/test/resources/genuine/opensmtpd-b2}
else sel=""; out=${1:-$here/../../src/test/resources/genuine/opensmtpd}; fi
work=$(mktemp -d); chmod 755 "$work"
python3 "$here/remote-mta.py" 2525 2>"$work/remote.log" & remote=$!
smtpctl stop >/dev/null 2>&1 || true
trap 'kill $remote; smtpctl stop >/dev/null 2>&1 || true' EXIT
cat > /etc/smtpd-genuine-aliases <<AL
postmaster: root
pipe-nouser: "|/bin/sh -c 'echo Unknown user pipe-nouser >&2; exit 67'"
pipe-tempfail: "|/bin/sh -c 'exit 75'"
pipe-unavailable: "|/bin/sh -c 'exit 69'"
pipe-software: "|/bin/sh -c 'exit 70'"
pipe-status1: "|/bin/sh -c 'echo mailbox processor: no such list >&2; exit 1'"
AL
conf=/etc/smtpd-genuine.conf
{ echo "smtp max-message-size 1M"
  echo "table aliases file:/etc/smtpd-genuine-aliases"
  echo 'action "local" mbox alias <aliases>'
  echo 'action "remote" relay host smtp://127.0.0.1:2525'
  echo 'action "dns" relay'
  python3 "$here/cases.py" routes | while read -r d ip; do
    n=$(echo "$d" | tr -c 'a-z0-9\n' '_')
    echo "action \"r_$n\" relay host smtp://$ip:2525"
  done
  echo 'match from local for domain "mta.mailgate.test" action "local"'
  echo 'match from local for domain "remote.test" action "remote"'
  python3 "$here/cases.py" routes | while read -r d ip; do
    n=$(echo "$d" | tr -c 'a-z0-9\n' '_')
    echo "match from local for domain \"$d\" action \"r_$n\""
  done
  echo 'match from local for any action "dns"'
} > $conf
smtpd -n -f $conf
# start from an empty queue: envelopes left by an earlier run would be retried and notice twice
rm -rf /var/spool/smtpd/queue/* /var/spool/smtpd/incoming/* /var/spool/smtpd/temporary/* /var/spool/smtpd/corrupt/*
id newsletter >/dev/null 2>&1 || useradd -m newsletter
rm -f /var/mail/newsletter
# its own UTS namespace, so that the notices name mta.mailgate.test rather than this machine
unshare --uts sh -c "hostname mta.mailgate.test; exec smtpd -f $conf -d" > "$work/smtpd.log" 2>&1 & smtpd=$!
trap 'kill $remote $smtpd' EXIT
sleep 2
cat > "$work/local-cases.tsv" <<TSV
l-nodomain	someone@nonexistent-domain.invalid	hostunknown
pipe-nouser	pipe-nouser@mta.mailgate.test	userunknown
pipe-unavailable	pipe-unavailable@mta.mailgate.test	mailererror
pipe-software	pipe-software@mta.mailgate.test	mailererror
pipe-status1	pipe-status1@mta.mailgate.test	mailererror
TSV
[ "$batch" = 2 ] && : > "$work/local-cases.tsv"
send() { # case id, recipient
  printf 'From: Mailgate News <newsletter@mta.mailgate.test>\nTo: <%s>\nSubject: December newsletter (%s)\nMessage-ID: <opensmtpd-%s@mta.mailgate.test>\nDate: Thu, 03 Dec 2026 06:00:00 +0000\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\nHello, this is the December newsletter.\n' \
    "$2" "$1" "$1" | su -s /bin/sh newsletter -c "/usr/sbin/sendmail -f newsletter@mta.mailgate.test '$2'" || true
}
# only the permanent refusals: a temporary one would hold back the route for the others (backoff) and end in a
# "delayed" notice anyway (see above)
python3 "$here/cases.py" recipients $sel --permanent | while read -r r; do
  id=${r%%@*}; [ "$id" = user ] && { id=${r#user@}; id=${id%.test}; }
  send "$id" "$r"
done
cut -f1,2 "$work/local-cases.tsv" | while read -r id r; do send "$id" "$r"; done
for i in $(seq 1 10); do sleep 5; smtpctl schedule all >/dev/null 2>&1 || true; done
echo "still queued (temporary failures, not filed): $(smtpctl show queue | wc -l)"
for e in $(smtpctl show queue | cut -d'|' -f1); do smtpctl remove "$e" >/dev/null 2>&1 || true; done
python3 "$here/collect.py" opensmtpd /var/mail/newsletter "$work/local-cases.tsv" "$out"
