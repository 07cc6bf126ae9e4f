#!/bin/sh
# Makes genuine Postfix bounces (the fixtures in src/test/resources/bounces/postfix-3.7): a local Postfix relays
# to a scripted remote MTA whose reply depends on the recipient, gives up at once (maximal_queue_lifetime = 0)
# and returns its notices to a local mailbox. Needs root and Debian's postfix; changes the machine's Postfix
# configuration, so run it in a throw-away container.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
python3 "$here/postfix-bounces-remote-mta.py" & remote=$!
trap 'kill $remote' EXIT
postconf -e "myhostname = mta.mailgate.test" "mydomain = mailgate.test" "myorigin = mta.mailgate.test" \
  "mydestination = mta.mailgate.test, localhost" "inet_interfaces = loopback-only" "inet_protocols = ipv4" \
  "transport_maps = texthash:/etc/postfix/transport" "maximal_queue_lifetime = 0" "bounce_queue_lifetime = 0" \
  "maillog_file = /var/log/postfix.log" "smtp_tls_security_level = none" "disable_dns_lookups = yes" \
  "smtp_host_lookup = native" "mailbox_size_limit = 2000000" "message_size_limit = 1000000" "alias_maps ="
printf 'remote.test smtp:[127.0.0.1]:2525\nunreachable.test smtp:[127.0.0.1]:2599\n' > /etc/postfix/transport
id newsletter >/dev/null 2>&1 || useradd -m newsletter
id fulluser >/dev/null 2>&1 || useradd -m fulluser
head -c 2100000 /dev/zero | tr '\0' 'x' > /var/mail/fulluser && chown fulluser:mail /var/mail/fulluser
rm -f /var/mail/newsletter
postfix start 2>/dev/null || postfix reload
send() {
  printf 'From: Mailgate News <newsletter@mta.mailgate.test>\nTo: <%s>\nSubject: November newsletter (%s)\nMessage-ID: <%s@mta.mailgate.test>\nDate: Tue, 24 Nov 2026 04:40:00 +0000\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\nHello, this is the November newsletter.\n' \
    "$1" "$2" "$2" | su -s /bin/sh newsletter -c "/usr/sbin/sendmail -f newsletter@mta.mailgate.test $1"
}
for k in unknown full disabled spam blocked toobig tempfail; do send "$k@remote.test" "pf-$k"; done
send nobody@unreachable.test pf-unreachable
send nosuchuser@mta.mailgate.test pf-localunknown
send fulluser@mta.mailgate.test pf-localfull
send someone@nonexistent-domain.invalid pf-nodomain
printf 'From: Mailgate News <newsletter@mta.mailgate.test>\nTo: undisclosed-recipients:;\nSubject: November newsletter (pf-multi)\nMessage-ID: <pf-multi@mta.mailgate.test>\nDate: Tue, 24 Nov 2026 04:40:00 +0000\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\nHello, this is the November newsletter.\n' \
  | su -s /bin/sh newsletter -c "/usr/sbin/sendmail -f newsletter@mta.mailgate.test unknown@remote.test full@remote.test ok@remote.test nosuchuser@mta.mailgate.test"
sleep 15
echo "notices in /var/mail/newsletter (an mbox; split it with mailgate bounce parse or any mbox tool):"
grep -c '^From ' /var/mail/newsletter
