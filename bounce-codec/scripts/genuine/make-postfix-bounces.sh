#!/bin/sh
# Genuine Postfix bounces for bounce-codec/src/test/resources/genuine/postfix (issue 17). Debian 12's Postfix relays
# one newsletter per case to the scripted remote (remote-mta.py, the refusals of cases.py) or delivers it locally
# into a failure made on purpose (local-cases below), gives up at once (maximal_queue_lifetime = 0) and returns its
# notices to newsletter's mbox, which collect.py files as fixtures. Needs root and `apt-get install postfix`; it
# rewrites /etc/postfix, so run it on a throw-away machine. No SMTP listener is started (smtpd is switched off).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
# BATCH=2: the second batch (cases_b2.py) only, into genuine/postfix-b2, without the local cases of the first;
# BATCH=3: the third (cases_b3.py) into genuine/postfix-b3, with its own local cases (sysexits codes not used before)
batch=${BATCH:-1}
if [ "$batch" = 2 ]; then sel="--batch 2"; out=${1:-$here/../../src/test/resources/genuine/postfix-b2}
elif [ "$batch" = 3 ]; then sel="--batch 3"; out=${1:-$here/../../src/test/resources/genuine/postfix-b3}
else sel=""; out=${1:-$here/../../src/test/resources/genuine/postfix}; fi
work=$(mktemp -d)
python3 "$here/remote-mta.py" 2525 2>"$work/remote.log" & remote=$!
trap 'kill $remote' EXIT
postfix stop 2>/dev/null || true
cat > /etc/postfix/main.cf <<CF
compatibility_level = 3.6
myhostname = mta.mailgate.test
mydomain = mailgate.test
myorigin = mta.mailgate.test
mydestination = mta.mailgate.test, localhost
inet_interfaces = loopback-only
inet_protocols = ipv4
alias_maps = hash:/etc/postfix/genuine-aliases
alias_database = hash:/etc/postfix/genuine-aliases
transport_maps = texthash:/etc/postfix/genuine-transport
relocated_maps = texthash:/etc/postfix/genuine-relocated
smtp_tls_security_level = none
smtp_tls_policy_maps = texthash:/etc/postfix/genuine-tls
maximal_queue_lifetime = 0
bounce_queue_lifetime = 0
disable_dns_lookups = yes
smtp_host_lookup = native
smtp_helo_timeout = 5s
smtp_data_done_timeout = 5s
mailbox_size_limit = 2000000
message_size_limit = 1000000
maillog_file = /var/log/postfix-genuine.log
biff = no
CF
# no SMTP listener: the notices are made by the queue manager, not by anything that receives mail here
sed -i 's/^smtp      inet/#smtp      inet/' /etc/postfix/master.cf
{ echo "remote.test smtp:[127.0.0.1]:2525"
  echo "retired.test error:5.1.1 This mailbox has been retired; mail for it is no longer accepted"
  python3 "$here/cases.py" routes | while read -r d ip; do echo "$d smtp:[$ip]:2525"; done; } > /etc/postfix/genuine-transport
# the policy is looked up by the next hop the transport names (Postfix TLS_README, "TLS policy table")
for d in s-x-tlsnone s-x-tlsfail; do echo "[$(python3 "$here/cases.py" ip "$d")]:2525 encrypt"; done > /etc/postfix/genuine-tls
echo "moved@mta.mailgate.test new-address@elsewhere.test" > /etc/postfix/genuine-relocated
# local(8) runs "|command" aliases with the shell; its exit status is read as sysexits.h (Postfix sys_exits.c)
cat > /etc/postfix/genuine-aliases <<AL
postmaster: root
pipe-nouser: "|exit 67"
pipe-nohost: "|exit 68"
pipe-tempfail: "|exit 75"
pipe-unavailable: "|exit 69"
pipe-noperm: "|exit 77"
pipe-dataerr: "|exit 65"
pipe-software: "|exit 70"
pipe-cantcreat: "|exit 73"
pipe-config: "|exit 78"
pipe-status1: "|exit 1"
pipe3-usage: "|exit 64"
pipe3-noinput: "|exit 66"
pipe3-oserr: "|exit 71"
pipe3-ioerr: "|exit 74"
pipe3-protocol: "|exit 76"
AL
postalias /etc/postfix/genuine-aliases
id newsletter >/dev/null 2>&1 || useradd -m newsletter
id fulluser >/dev/null 2>&1 || useradd -m fulluser
head -c 2100000 /dev/zero | tr '\0' 'x' > /var/mail/fulluser && chown fulluser:mail /var/mail/fulluser
rm -f /var/mail/newsletter
# local cases: id, recipient, reason, status ('' = what Postfix writes)
cat > "$work/local-cases.tsv" <<TSV
l-unknown	nosuchuser@mta.mailgate.test	userunknown
l-full	fulluser@mta.mailgate.test	mailboxfull
l-relocated	moved@mta.mailgate.test	hasmoved
l-retired	someone@retired.test	userunknown
l-nodomain	someone@nonexistent-domain.invalid	networkerror
pipe-nouser	pipe-nouser@mta.mailgate.test	userunknown
pipe-nohost	pipe-nohost@mta.mailgate.test	hostunknown
pipe-tempfail	pipe-tempfail@mta.mailgate.test	mailererror
pipe-unavailable	pipe-unavailable@mta.mailgate.test	mailererror
pipe-noperm	pipe-noperm@mta.mailgate.test	mailererror
pipe-dataerr	pipe-dataerr@mta.mailgate.test	mailererror
pipe-software	pipe-software@mta.mailgate.test	mailererror
pipe-cantcreat	pipe-cantcreat@mta.mailgate.test	mailererror
pipe-config	pipe-config@mta.mailgate.test	mailererror
pipe-status1	pipe-status1@mta.mailgate.test	mailererror
TSV
[ "$batch" = 2 ] && : > "$work/local-cases.tsv"
# batch 3: exits of sysexits.h the first batch has none of; local(8) reports each as the mailer's failure
[ "$batch" = 3 ] && cat > "$work/local-cases.tsv" <<TSV
pipe3-usage	pipe3-usage@mta.mailgate.test	mailererror
pipe3-noinput	pipe3-noinput@mta.mailgate.test	mailererror
pipe3-oserr	pipe3-oserr@mta.mailgate.test	mailererror
pipe3-ioerr	pipe3-ioerr@mta.mailgate.test	mailererror
pipe3-protocol	pipe3-protocol@mta.mailgate.test	mailererror
TSV
postfix start
send() { # case id, recipient
  printf 'From: Mailgate News <newsletter@mta.mailgate.test>\nTo: <%s>\nSubject: December newsletter (%s)\nMessage-ID: <postfix-%s@mta.mailgate.test>\nDate: Thu, 03 Dec 2026 06:00:00 +0000\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\nHello, this is the December newsletter.\n' \
    "$2" "$1" "$1" | su -s /bin/sh newsletter -c "/usr/sbin/sendmail -f newsletter@mta.mailgate.test '$2'"
}
python3 "$here/cases.py" recipients ${sel:---tls} | while read -r r; do
  id=${r%%@*}; [ "$id" = user ] && { id=${r#user@}; id=${id%.test}; }
  send "$id" "$r"
done
cut -f1,2 "$work/local-cases.tsv" | while read -r id r; do send "$id" "$r"; done
want=$(( $(python3 "$here/cases.py" recipients ${sel:---tls} | wc -l) + $(wc -l < "$work/local-cases.tsv") ))
for i in $(seq 1 40); do # until every case has its notice, or the queue has been empty for 30 s
  n=$(grep -c '^From MAILER-DAEMON' /var/mail/newsletter 2>/dev/null || true)
  [ "${n:-0}" -ge "$want" ] && break
  postqueue -p | grep -q 'Mail queue is empty' && { empty=$(( ${empty:-0} + 1 )); [ "$empty" -ge 6 ] && break; }
  sleep 5
done
postqueue -p | tail -1
python3 "$here/collect.py" postfix /var/mail/newsletter "$work/local-cases.tsv" "$out"
