#!/bin/sh
# Genuine Exim bounces for bounce-codec/src/test/resources/genuine/exim (issue 17). Debian 12's Exim 4.96 relays one
# newsletter per case to the scripted remote (remote-mta.py, the refusals of cases.py) or delivers it locally into a
# failure made on purpose (local cases below). A retry rule with no retry times makes every temporary error permanent
# (Exim spec, "Retry configuration": a rule without times), so nothing waits; the notices go to newsletter's mbox and
# collect.py files them. Needs root and `apt-get install exim4-daemon-light`; it writes /etc/exim4/exim4.conf (which
# Debian prefers over the template), so run it on a throw-away machine. No SMTP listener is started.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
# BATCH=2: the second batch (cases_b2.py) only, into genuine/exim-b2, without the local cases of the first;
# BATCH=3: the third (cases_b3.py) into genuine/exim-b3, with its own local cases (pipe exits not used before)
batch=${BATCH:-1}
if [ "$batch" = 2 ]; then sel="--batch 2"; out=${1:-$here/../../src/test/resources/genuine/exim-b2}
elif [ "$batch" = 3 ]; then sel="--batch 3"; out=${1:-$here/../../src/test/resources/genuine/exim-b3}
else sel=""; out=${1:-$here/../../src/test/resources/genuine/exim}; fi
work=$(mktemp -d); chmod 755 "$work"
python3 "$here/remote-mta.py" 2525 2>"$work/remote.log" & remote=$!
trap 'kill $remote' EXIT
routes=$(python3 "$here/cases.py" routes | awk '{printf "%s %s ; ", $1, $2}')
rm -rf /var/spool/exim4/input/* /var/spool/exim4/msglog/* /var/spool/exim4/db/*
# Local cases whose notice could not show their cause are left out: a missing :include: file or an unwritable
# file target give only "retry timeout exceeded", a silent pipe only "local delivery failed".
cat > /etc/exim4/genuine-aliases <<AL
fail-plain: :fail:
fail-text: :fail: This address no longer accepts mail
fail-moved: :fail: This person has moved to new-address@elsewhere.test
blackhole-defer: :defer: Mailbox migration in progress
pipe-nouser: |/bin/sh -c 'echo "Unknown user pipe-nouser"; exit 67'
pipe-tempfail: |/bin/sh -c 'exit 75'
pipe-unavailable: |/bin/sh -c 'exit 69'
pipe-noperm: |/bin/sh -c 'exit 77'
pipe-software: |/bin/sh -c 'exit 70'
pipe-status1: |/bin/sh -c 'echo "mailbox processor: no such list" >&2; exit 1'
pipe3-usage: |/bin/sh -c 'exit 64'
pipe3-noinput: |/bin/sh -c 'exit 66'
pipe3-oserr: |/bin/sh -c 'exit 71'
pipe3-ioerr: |/bin/sh -c 'exit 74'
AL
cat > /etc/exim4/exim4.conf <<CF
primary_hostname = mta.mailgate.test
qualify_domain = mta.mailgate.test
domainlist local_domains = mta.mailgate.test : localhost
daemon_smtp_ports =
log_file_path = /var/log/exim4/genuine-%slog
# the notice itself must not be held back by the zero-retry rule below
ignore_bounce_errors_after = 0s
timeout_frozen_after = 0s
begin routers
remote:
  driver = manualroute
  domains = ! +local_domains : ! nonexistent-domain.invalid
  transport = remote_smtp
  route_list = remote.test 127.0.0.1 ; $routes
  # the remote is on loopback: send to it rather than treat it as this host (Exim spec, "self" router option)
  self = send
dnslookup:
  driver = dnslookup
  domains = ! +local_domains
  transport = remote_smtp
  no_more
aliases:
  driver = redirect
  domains = +local_domains
  data = \${lookup{\$local_part}lsearch{/etc/exim4/genuine-aliases}}
  allow_fail
  allow_defer
  pipe_transport = address_pipe
  file_transport = address_file
localuser:
  driver = accept
  domains = +local_domains
  check_local_user
  transport = local_delivery
begin transports
remote_smtp:
  driver = smtp
  port = 2525
  allow_localhost
  command_timeout = 5s
  data_timeout = 5s
  final_timeout = 5s
  hosts_try_chunking =
local_delivery:
  driver = appendfile
  # \$local_part_data: the untainted name check_local_user found (Exim 4.94+ refuses tainted file names)
  file = /var/mail/\$local_part_data
  delivery_date_add
  envelope_to_add
  return_path_add
  group = mail
  mode = 0660
  quota = 2M
address_pipe:
  driver = pipe
  # Exim's notice says only "local delivery failed" for a pipe; the program's own words come back with
  # return_fail_output, as a delivery agent that prints why (e.g. "Unknown user") would have them
  return_fail_output
address_file:
  driver = appendfile
begin retry
# no retry times: a temporary error is treated as permanent at once
* * 
CF
id newsletter >/dev/null 2>&1 || useradd -m newsletter
id fulluser >/dev/null 2>&1 || useradd -m fulluser
head -c 2100000 /dev/zero | tr '\0' 'x' > /var/mail/fulluser && chown fulluser:mail /var/mail/fulluser
chmod 660 /var/mail/fulluser
rm -f /var/mail/newsletter
exim4 -bV >/dev/null
cat > "$work/local-cases.tsv" <<TSV
l-unknown	nosuchuser@mta.mailgate.test	userunknown
l-full	fulluser@mta.mailgate.test	mailboxfull
l-nodomain	someone@nonexistent-domain.invalid	hostunknown
fail-plain	fail-plain@mta.mailgate.test	userunknown
fail-text	fail-text@mta.mailgate.test	userunknown
fail-moved	fail-moved@mta.mailgate.test	hasmoved
blackhole-defer	blackhole-defer@mta.mailgate.test	systemerror
pipe-nouser	pipe-nouser@mta.mailgate.test	userunknown
pipe-tempfail	pipe-tempfail@mta.mailgate.test	mailererror
pipe-unavailable	pipe-unavailable@mta.mailgate.test	mailererror
pipe-noperm	pipe-noperm@mta.mailgate.test	mailererror
pipe-software	pipe-software@mta.mailgate.test	mailererror
pipe-status1	pipe-status1@mta.mailgate.test	mailererror
TSV
[ "$batch" = 2 ] && : > "$work/local-cases.tsv"
# batch 3: pipe exits the first batch has none of (Exim: "Child process of address_pipe transport returned N")
[ "$batch" = 3 ] && cat > "$work/local-cases.tsv" <<TSV
pipe3-usage	pipe3-usage@mta.mailgate.test	mailererror
pipe3-noinput	pipe3-noinput@mta.mailgate.test	mailererror
pipe3-oserr	pipe3-oserr@mta.mailgate.test	mailererror
pipe3-ioerr	pipe3-ioerr@mta.mailgate.test	mailererror
TSV
send() { # case id, recipient; each case starts without retry history, so one case's 421 cannot mark the host down
  rm -f /var/spool/exim4/db/retry*
  printf 'From: Mailgate News <newsletter@mta.mailgate.test>\nTo: <%s>\nSubject: December newsletter (%s)\nMessage-ID: <exim-%s@mta.mailgate.test>\nDate: Thu, 03 Dec 2026 06:00:00 +0000\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\nHello, this is the December newsletter.\n' \
    "$2" "$1" "$1" | su -s /bin/sh newsletter -c "/usr/sbin/exim4 -odi -f newsletter@mta.mailgate.test '$2'"
}
# Not the TLS cases (cases.TLS): when Exim gives up on a host its notice says only "retry timeout exceeded" and
# keeps the TLS error in its log, so nothing in the notice could show the cause.
python3 "$here/cases.py" recipients $sel | while read -r r; do
  id=${r%%@*}; [ "$id" = user ] && { id=${r#user@}; id=${id%.test}; }
  send "$id" "$r"
done
cut -f1,2 "$work/local-cases.tsv" | while read -r id r; do send "$id" "$r"; done
for i in $(seq 1 30); do [ "$(exim4 -bpc)" = 0 ] && break; sleep 2; done
exim4 -bp | head -20
python3 "$here/collect.py" exim /var/mail/newsletter "$work/local-cases.tsv" "$out"
