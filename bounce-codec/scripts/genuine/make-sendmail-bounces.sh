#!/bin/sh
# Genuine Sendmail bounces for bounce-codec/src/test/resources/genuine/sendmail (issue 17). Debian 12's Sendmail
# 8.17 relays one newsletter per case to the scripted remote (remote-mta.py, the refusals of cases.py; a mailertable
# routes each domain, ESMTP_MAILER_ARGS the port) or delivers it locally into a failure made on purpose. Messages are
# submitted with `sendmail -Am -odi` (the MTA configuration, delivered at once, no daemon); what was deferred is
# returned by the next queue run, since Timeout.queuereturn is 1 s (cf/README, "confTO_QUEUERETURN"). The notices go
# to newsletter's mbox and collect.py files them. Needs root and `apt-get install sendmail-bin sendmail-cf m4
# procmail`; it rewrites /etc/mail/sendmail.cf, so run it on a throw-away machine.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
# BATCH=2 / 3: the second or third batch (cases_b2.py, cases_b3.py) only, into genuine/sendmail-b2 or -b3,
# without the local cases of the first
batch=${BATCH:-1}
if [ "$batch" = 2 ]; then sel="--batch 2"; out=${1:-$here/../../src/test/resources/genuine/sendmail-b2}
elif [ "$batch" = 3 ]; then sel="--batch 3"; out=${1:-$here/../../src/test/resources/genuine/sendmail-b3}
else sel=""; out=${1:-$here/../../src/test/resources/genuine/sendmail}; fi
work=$(mktemp -d); chmod 755 "$work"
python3 "$here/remote-mta.py" 2525 2>"$work/remote.log" & remote=$!
trap 'kill $remote' EXIT
cat > /etc/mail/genuine.mc <<'MC'
divert(-1)dnl
divert(0)dnl
define(`_USE_ETC_MAIL_')dnl
include(`/usr/share/sendmail/cf/m4/cf.m4')dnl
OSTYPE(`debian')dnl
define(`confDOMAIN_NAME', `mta.mailgate.test')dnl
define(`ALIAS_FILE', `/etc/mail/genuine/aliases')dnl
define(`confTO_QUEUERETURN', `1s')dnl
define(`confTO_QUEUEWARN', `1d')dnl
define(`confTO_INITIAL', `5s')dnl
define(`confTO_DATAFINAL', `5s')dnl
define(`confTO_COMMAND', `5s')dnl
define(`confTO_ICONNECT', `5s')dnl
define(`confTO_CONNECT', `5s')dnl
define(`ESMTP_MAILER_ARGS', `TCP $h 2525')dnl
undefine(`confHOST_STATUS_DIRECTORY')dnl
FEATURE(`mailertable', `hash -o /etc/mail/genuine/mailertable')dnl
FEATURE(`local_procmail')dnl
MAILER_DEFINITIONS
MAILER(`local')dnl
MAILER(`smtp')dnl
MAILER(`procmail')dnl
MC
mkdir -p /etc/mail/genuine
{ echo "remote.test esmtp:[127.0.0.1]"
  echo "retired.test error:5.1.1:550 This mailbox has been retired; mail for it is no longer accepted"
  echo "closed.test error:5.2.1:550 Mailbox disabled for this recipient"
  python3 "$here/cases.py" routes | while read -r d ip; do echo "$d esmtp:[$ip]"; done; } > /etc/mail/genuine/mailertable
# the map is built after sendmail.cf: makemap chowns it to the TrustedUser of the sendmail.cf it finds (Debian's
# smmta), and sendmail running as root then refuses it as an unsafe map file
m4 /etc/mail/genuine.mc > /etc/mail/sendmail.cf
mkdir -p /etc/mail/genuine; rm -f /etc/mail/genuine/mailertable.db; makemap hash /etc/mail/genuine/mailertable < /etc/mail/genuine/mailertable
echo mta.mailgate.test > /etc/mail/local-host-names
# smrsh only runs programs linked into its directory (Debian: /etc/mail/smrsh)
printf '#!/bin/sh\ncode=$1; shift; [ $# -gt 0 ] && echo "$*"; exit $code\n' > /usr/local/bin/genuine-exit
chmod 755 /usr/local/bin/genuine-exit; ln -sf /usr/local/bin/genuine-exit /etc/mail/smrsh/genuine-exit
cat > /etc/mail/genuine/aliases <<AL
postmaster: root
MAILER-DAEMON: postmaster
pipe-nouser: "|genuine-exit 67 Unknown user pipe-nouser"
pipe-tempfail: "|genuine-exit 75"
pipe-unavailable: "|genuine-exit 69"
pipe-noperm: "|genuine-exit 77"
pipe-software: "|genuine-exit 70"
pipe-status1: "|genuine-exit 1"
include-missing: :include:/etc/mail/genuine-missing-list
AL
newaliases
rm -rf /var/spool/mqueue/* 2>/dev/null || true
# the queue must be writable by the root that submits (a smmta-owned queue refused its df files here)
chown root:smmsp /var/spool/mqueue
id newsletter >/dev/null 2>&1 || useradd -m newsletter
rm -f /var/mail/newsletter
cat > "$work/local-cases.tsv" <<TSV
l-unknown	nosuchuser@mta.mailgate.test	userunknown
l-nodomain	someone@nonexistent-domain.invalid	hostunknown
l-retired	someone@retired.test	userunknown
l-closed	someone@closed.test	suspend
pipe-nouser	pipe-nouser@mta.mailgate.test	userunknown
pipe-tempfail	pipe-tempfail@mta.mailgate.test	mailererror
pipe-unavailable	pipe-unavailable@mta.mailgate.test	mailererror
pipe-noperm	pipe-noperm@mta.mailgate.test	mailererror
pipe-software	pipe-software@mta.mailgate.test	mailererror
pipe-status1	pipe-status1@mta.mailgate.test	mailererror
include-missing	include-missing@mta.mailgate.test	systemerror
TSV
[ "$batch" != 1 ] && : > "$work/local-cases.tsv"
# sendmail sleeps 60 s at start when the host name is unqualified and unresolvable (as here): run it in its own UTS
# namespace under the qualified name
sm() { unshare --uts sh -c 'hostname mta.mailgate.test; exec /usr/sbin/sendmail "$@"' sendmail "$@"; }
send() { # case id, recipient
  printf 'From: Mailgate News <newsletter@mta.mailgate.test>\nTo: <%s>\nSubject: December newsletter (%s)\nMessage-ID: <sendmail-%s@mta.mailgate.test>\nDate: Thu, 03 Dec 2026 06:00:00 +0000\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\nHello, this is the December newsletter.\n' \
    "$2" "$1" "$1" | sm -Am -odi -f newsletter@mta.mailgate.test "$2" || true
}
python3 "$here/cases.py" recipients $sel | while read -r r; do
  id=${r%%@*}; [ "$id" = user ] && { id=${r#user@}; id=${id%.test}; }
  send "$id" "$r"
done
cut -f1,2 "$work/local-cases.tsv" | while read -r id r; do send "$id" "$r"; done
sleep 2
sm -Am -q >/dev/null 2>&1 || true
sleep 2
sm -Am -bp | tail -3
python3 "$here/collect.py" sendmail /var/mail/newsletter "$work/local-cases.tsv" "$out"
