package dev.mailgate.deliverability.internal;

import dev.mailgate.deliverability.dns.DnsAnswer;
import dev.mailgate.deliverability.dns.DnsException;
import dev.mailgate.deliverability.dns.DnsRecord;
import dev.mailgate.deliverability.dns.DnsType;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The DNS message format of RFC 1035 section 4, as much of it as a stub resolver needs. */
public final class DnsWire {
    /** EDNS0 (RFC 6891) payload size: the 2020 DNS flag day value, which avoids IP fragmentation. */
    public static final int EDNS_PAYLOAD = 1232;
    /**
     * The largest DNS message: a UDP datagram's payload and the TCP length prefix (RFC 1035 section 4.2.2) are both
     * 16-bit, so no response is longer.
     */
    public static final int MAX_MESSAGE = 65_535;
    private static final int MAX_POINTER_JUMPS = 64;

    private DnsWire() {
    }

    /** A recursive query (RD set) for one question, with an EDNS0 OPT record. */
    public static byte[] query(int id, String name, DnsType type) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        short16(out, id);
        short16(out, 0x0100); // RD
        short16(out, 1);
        short16(out, 0);
        short16(out, 0);
        short16(out, 1);
        writeName(out, name);
        short16(out, type.code());
        short16(out, 1); // IN
        out.write(0); // OPT: root name
        short16(out, 41);
        short16(out, EDNS_PAYLOAD);
        out.writeBytes(new byte[] {0, 0, 0, 0});
        short16(out, 0);
        return out.toByteArray();
    }

    /** Whether the TC bit is set: the answer did not fit and must be asked again over TCP. */
    public static boolean truncated(byte[] m, int length) {
        return length >= 4 && (m[2] & 0x02) != 0;
    }

    /**
     * Whether a datagram is a response to {@code query(id, name, type)}: its id, QR bit and question match. Anything
     * else (a late answer to an earlier try, a spoofed or garbled datagram) is not ours to read.
     */
    public static boolean answers(byte[] m, int length, int id, String name, DnsType type) {
        try {
            Reader r = new Reader(m, length);
            if (r.u16() != id || (r.u16() & 0x8000) == 0 || r.u16() != 1) {
                return false;
            }
            r.pos = 12;
            return r.name().equals(normalize(name)) && r.u16() == type.code();
        } catch (DnsException e) {
            return false;
        }
    }

    /**
     * Reads a response to {@code query(id, name, type)}. Answers to another question or id are refused (a spoofed or
     * stale datagram), as are malformed messages; SERVFAIL and REFUSED are errors, NXDOMAIN is an answer.
     */
    public static DnsAnswer parse(byte[] m, int length, int id, String name, DnsType type) {
        if (length > MAX_MESSAGE) {
            throw new DnsException("response of " + length + " octets is longer than a DNS message can be (" + MAX_MESSAGE + ", RFC 1035 section 4.2.2)");
        }
        Reader r = new Reader(m, length);
        int gotId = r.u16();
        int flags = r.u16();
        if (gotId != id || (flags & 0x8000) == 0) {
            throw new DnsException("response id " + gotId + " does not match query id " + id);
        }
        int rcode = flags & 0x0f;
        int qd = r.u16();
        int an = r.u16();
        r.u16();
        r.u16();
        if (qd != 1) {
            throw new DnsException("response for " + name + " has " + qd + " questions, expected 1");
        }
        String qname = r.name();
        int qtype = r.u16();
        r.u16();
        String asked = normalize(name);
        if (!qname.equals(asked) || qtype != type.code()) {
            throw new DnsException("response answers " + qname + "/" + qtype + ", not the question " + asked + "/" + type);
        }
        switch (rcode) {
            case 0 -> { }
            case 3 -> {
                return new DnsAnswer(asked, type, false, List.of(), List.of());
            }
            case 2 -> throw new DnsException("SERVFAIL for " + asked + " " + type + ": the server could not get an answer");
            case 5 -> throw new DnsException("REFUSED for " + asked + " " + type + ": the server does not answer this client");
            default -> throw new DnsException("DNS error code " + rcode + " for " + asked + " " + type);
        }
        List<DnsRecord> records = new ArrayList<>();
        List<DnsRecord> chain = new ArrayList<>();
        String current = asked;
        for (int i = 0; i < an; i++) {
            String owner = r.name();
            int rtype = r.u16();
            r.u16();
            long ttl = r.u32();
            int rdlength = r.u16();
            int end = r.pos + rdlength;
            if (end > length) {
                throw new DnsException("malformed response for " + asked + ": record data runs past the end");
            }
            DnsType t = DnsType.of(rtype);
            if (t != null && owner.equals(current)) {
                String data = rdata(r, t, rdlength);
                DnsRecord record = new DnsRecord(owner, t, ttl, data);
                if (t == type) {
                    records.add(record);
                } else if (t == DnsType.CNAME) {
                    chain.add(record);
                    current = data;
                }
            }
            r.pos = end;
        }
        return new DnsAnswer(asked, type, true, records, chain);
    }

    private static String rdata(Reader r, DnsType t, int rdlength) {
        switch (t) {
            case A, AAAA -> {
                int size = t == DnsType.A ? 4 : 16;
                if (rdlength != size) {
                    throw new DnsException("malformed " + t + " record: " + rdlength + " octets");
                }
                try {
                    return InetAddress.getByAddress(Arrays.copyOfRange(r.m, r.pos, r.pos + size)).getHostAddress();
                } catch (UnknownHostException e) {
                    throw new DnsException("malformed " + t + " record", e);
                }
            }
            case CNAME, NS -> {
                return r.name();
            }
            case MX -> {
                int preference = r.u16();
                return preference + " " + r.name();
            }
            case TXT -> {
                int end = r.pos + rdlength;
                StringBuilder b = new StringBuilder();
                while (r.pos < end) {
                    int len = r.m[r.pos++] & 0xff;
                    if (r.pos + len > end) {
                        throw new DnsException("malformed TXT record: a string runs past the record");
                    }
                    b.append(new String(r.m, r.pos, len, StandardCharsets.ISO_8859_1));
                    r.pos += len;
                }
                return b.toString();
            }
            default -> throw new IllegalStateException(t.toString());
        }
    }

    /** Lower case, no final dot: how names are compared. */
    public static String normalize(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    private static void writeName(ByteArrayOutputStream out, String name) {
        String n = normalize(name);
        if (n.length() > 253) {
            throw new DnsException("name too long for DNS (" + n.length() + " > 253 octets): " + n);
        }
        if (!n.isEmpty()) {
            for (String label : n.split("\\.", -1)) {
                byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
                if (bytes.length == 0 || bytes.length > 63 || !label.chars().allMatch(c -> c > ' ' && c < 127)) {
                    throw new DnsException("invalid DNS label \"" + label + "\" in " + n + " (1 to 63 printable ASCII octets)");
                }
                out.write(bytes.length);
                out.writeBytes(bytes);
            }
        }
        out.write(0);
    }

    private static void short16(ByteArrayOutputStream out, int v) {
        out.write(v >>> 8 & 0xff);
        out.write(v & 0xff);
    }

    /** A bounds-checked cursor; every overrun is a DnsException, never an index exception. */
    private static final class Reader {
        final byte[] m;
        final int length;
        int pos;

        Reader(byte[] m, int length) {
            this.m = m;
            this.length = length;
        }

        int u8() {
            if (pos >= length) {
                throw new DnsException("malformed DNS response: truncated at octet " + pos);
            }
            return m[pos++] & 0xff;
        }

        int u16() {
            return u8() << 8 | u8();
        }

        long u32() {
            return (long) u16() << 16 | u16();
        }

        /** A name, following compression pointers (section 4.1.4) with a bound on jumps against loops. */
        String name() {
            StringBuilder b = new StringBuilder();
            int p = pos;
            int resume = -1;
            for (int jumps = 0; ; ) {
                if (p >= length) {
                    throw new DnsException("malformed DNS response: name runs past the end");
                }
                int len = m[p] & 0xff;
                if ((len & 0xc0) == 0xc0) {
                    if (p + 1 >= length || ++jumps > MAX_POINTER_JUMPS) {
                        throw new DnsException("malformed DNS response: bad compression pointer");
                    }
                    if (resume < 0) {
                        resume = p + 2;
                    }
                    p = (len & 0x3f) << 8 | (m[p + 1] & 0xff);
                    continue;
                }
                if ((len & 0xc0) != 0) {
                    throw new DnsException("malformed DNS response: unknown label type");
                }
                if (len == 0) {
                    p++;
                    break;
                }
                if (p + 1 + len > length || b.length() + len > 254) {
                    throw new DnsException("malformed DNS response: label runs past the end or name too long");
                }
                if (b.length() > 0) {
                    b.append('.');
                }
                b.append(new String(m, p + 1, len, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT));
                p += 1 + len;
            }
            pos = resume >= 0 ? resume : p;
            return b.toString();
        }
    }
}
