#!/bin/sh
# Genuine Postfix bounces for DNS failures (issue 17), into genuine/postfix-dns: Postfix 3.7 looks up MX and A
# records for real (disable_dns_lookups = no) against dns-server.py on 127.0.0.53, which serves a null MX (RFC 7505),
# an NXDOMAIN, an MX whose host does not exist, a SERVFAIL and an MX to an address where nothing listens. Postfix's
# smtp(8) runs chrooted on Debian and reads /var/spool/postfix/etc/resolv.conf, which this script points at the local
# server after `postfix start` (the machine's own resolver is untouched). Needs root and Debian's postfix; rewrites
# /etc/postfix, so run it on a throw-away machine.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/../../src/test/resources/genuine/postfix-dns}
work=$(mktemp -d)
python3 "$here/dns-server.py" 2>"$work/dns.log" & dns=$!
trap 'kill $dns' EXIT
postfix stop 2>/dev/null || true
cat > /etc/postfix/main.cf <<CF
compatibility_level = 3.6
myhostname = mta.mailgate.test
mydomain = mailgate.test
myorigin = mta.mailgate.test
mydestination = mta.mailgate.test, localhost
inet_interfaces = loopback-only
inet_protocols = ipv4
alias_maps =
smtp_tls_security_level = none
maximal_queue_lifetime = 0
bounce_queue_lifetime = 0
disable_dns_lookups = no
smtp_host_lookup = dns
smtp_dns_support_level = enabled
smtp_connect_timeout = 5s
maillog_file = /var/log/postfix-genuine-dns.log
CF
sed -i 's/^smtp      inet/#smtp      inet/' /etc/postfix/master.cf
id newsletter >/dev/null 2>&1 || useradd -m newsletter
rm -f /var/mail/newsletter
postfix start
echo "nameserver 127.0.0.53" > /var/spool/postfix/etc/resolv.conf
cat > "$work/local-cases.tsv" <<TSV
nullmx	user@nullmx.test	notaccept
nxdomain	user@nxdomain.test	hostunknown
mxnohost	user@mxnohost.test	hostunknown
servfail	user@servfail.test	networkerror
mxrefused	user@mxloopback.test	expired
TSV
cut -f1,2 "$work/local-cases.tsv" | while read -r id r; do
  printf 'From: Mailgate News <newsletter@mta.mailgate.test>\nTo: <%s>\nSubject: December newsletter (%s)\nMessage-ID: <postfix-dns-%s@mta.mailgate.test>\nDate: Thu, 03 Dec 2026 06:00:00 +0000\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\nHello, this is the December newsletter.\n' \
    "$r" "$id" "$id" | su -s /bin/sh newsletter -c "/usr/sbin/sendmail -f newsletter@mta.mailgate.test '$r'"
done
for i in $(seq 1 12); do
  [ "$(grep -c '^From MAILER-DAEMON' /var/mail/newsletter 2>/dev/null || true)" -ge 5 ] && break; sleep 5
done
python3 "$here/collect.py" postfix-dns /var/mail/newsletter "$work/local-cases.tsv" "$out" --local-only
