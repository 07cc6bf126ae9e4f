"""A tiny authoritative DNS server on 127.0.0.53:53 for the DNS failure cases (issue 17): RFC 1035 messages, one
question, answered from ZONE; every other name is NXDOMAIN (RCODE 3). Enough for an MTA's MX and A lookups.
  nullmx.test       MX 0 "."                      RFC 7505 null MX: the domain accepts no mail
  nxdomain.test     (absent)                      NXDOMAIN
  mxnohost.test     MX 10 nohost.mxnohost.test    the MX host itself does not exist
  servfail.test     SERVFAIL (RCODE 2)            the domain's servers fail
  mxloopback.test   MX 10 mx.mxloopback.test, A 127.0.0.22 (nothing listens: connection refused)
"""
import socket, struct, sys
ZONE = {
    ("nullmx.test", 15): [("MX", 0, ".")],
    ("mxnohost.test", 15): [("MX", 10, "nohost.mxnohost.test")],
    ("mxloopback.test", 15): [("MX", 10, "mx.mxloopback.test")],
    ("mx.mxloopback.test", 1): [("A", "127.0.0.22")],
}
EXISTING = {n for n, _ in ZONE} | {"nullmx.test", "mxnohost.test", "mxloopback.test"}
SERVFAIL = {"servfail.test"}


def name(b, o):
    labels = []
    while b[o]:
        labels.append(b[o + 1:o + 1 + b[o]].decode()); o += 1 + b[o]
    return ".".join(labels).lower(), o + 1


def enc(n):
    return b"".join(bytes([len(l)]) + l.encode() for l in n.split(".") if l) + b"\0"


s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.53", 53))
while True:
    q, peer = s.recvfrom(512)
    qid, flags = struct.unpack(">HH", q[:4])
    qn, o = name(q, 12)
    qt, qc = struct.unpack(">HH", q[o:o + 4])
    question = q[12:o + 4]
    answers = ZONE.get((qn, qt), [])
    rcode = 2 if qn in SERVFAIL else (0 if qn in EXISTING else 3)
    body = b""
    for a in answers:
        rdata = struct.pack(">H", a[1]) + enc(a[2]) if a[0] == "MX" else socket.inet_aton(a[1])
        body += b"\xc0\x0c" + struct.pack(">HHIH", qt, 1, 60, len(rdata)) + rdata
    # QR, AA, RD copied, RA
    hdr = struct.pack(">HHHHHH", qid, 0x8400 | (flags & 0x0100) | 0x0080 | rcode, 1, len(answers), 0, 0)
    s.sendto(hdr + question + body, peer)
    print("dns", qn, qt, "rcode", rcode, len(answers), file=sys.stderr, flush=True)
