package dev.mailgate.testing.dns;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An authoritative DNS server for tests, on UDP and TCP of the same random loopback port, answering from a zone in a
 * simple text form, one record per line:
 *
 * <pre>
 * example.com            TXT   "v=spf1 ip4:203.0.113.0/24 -all"
 * s1._domainkey.example.com TXT "v=DKIM1; k=rsa; " "p=MIIBIjANBg..."
 * example.com            MX    10 mx.example.com
 * mta.example.com        CNAME mta.provider.example
 * broken.example.com     SERVFAIL
 * slow.example.com       TIMEOUT
 * </pre>
 *
 * A name with no records at all is NXDOMAIN; CNAMEs are followed for other types, as a recursive server does; TXT
 * strings longer than 255 octets are split. Answers larger than the client's EDNS size (512 without EDNS, or {@link
 * Builder#maxUdpPayload}) are truncated so the client must retry over TCP. Quiet: nothing is printed.
 */
public final class TestDnsServer implements AutoCloseable {
    private static final Map<String, Integer> TYPES = Map.of("A", 1, "NS", 2, "CNAME", 5, "MX", 15, "TXT", 16, "AAAA", 28);
    private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    private record Rr(String name, String type, String value) {
    }

    private final List<Rr> zone;
    private final int maxUdpPayload;
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private final Map<String, Boolean> overTcp = new ConcurrentHashMap<>();
    private DatagramSocket udp;
    private ServerSocket tcp;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean closed;

    private TestDnsServer(Builder b) {
        this.zone = List.copyOf(b.zone);
        this.maxUdpPayload = b.maxUdpPayload;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts a server for the zone in a file. */
    public static TestDnsServer start(Path zoneFile) throws IOException {
        return builder().zone(Files.readString(zoneFile, StandardCharsets.UTF_8)).build().start();
    }

    public TestDnsServer start() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        // Same port number for UDP and TCP, as DNS clients expect: retry until a free pair is found.
        for (int attempt = 0; ; attempt++) {
            udp = new DatagramSocket(new InetSocketAddress(loopback, 0));
            try {
                tcp = new ServerSocket(udp.getLocalPort(), 50, loopback);
                break;
            } catch (IOException e) {
                udp.close();
                if (attempt > 20) {
                    throw e;
                }
            }
        }
        threads.add(daemon("test-dns-udp", this::serveUdp));
        threads.add(daemon("test-dns-tcp", this::serveTcp));
        return this;
    }

    private static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Where clients send queries (UDP and TCP). */
    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), udp.getLocalPort());
    }

    /** The questions received, as "name TYPE", in order (TCP retries included). */
    public List<String> queries() {
        return Collections.unmodifiableList(queries);
    }

    /** Whether a question for this name was asked over TCP. */
    public boolean askedOverTcp(String name) {
        return overTcp.containsKey(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public void close() {
        closed = true;
        if (udp != null) {
            udp.close();
        }
        try {
            if (tcp != null) {
                tcp.close();
            }
        } catch (IOException e) {
            // closing anyway
        }
    }

    private void serveUdp() {
        byte[] buffer = new byte[4096];
        while (!closed) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                udp.receive(packet);
                byte[] response = answer(buffer, packet.getLength(), false);
                if (response != null) {
                    udp.send(new DatagramPacket(response, response.length, packet.getSocketAddress()));
                }
            } catch (SocketException e) {
                return; // closed
            } catch (IOException | RuntimeException e) {
                // a malformed query gets no answer, as on a real server
            }
        }
    }

    private void serveTcp() {
        while (!closed) {
            try (Socket s = tcp.accept()) {
                s.setSoTimeout(5000);
                DataInputStream in = new DataInputStream(s.getInputStream());
                int length = in.readUnsignedShort();
                byte[] query = new byte[length];
                in.readFully(query);
                byte[] response = answer(query, length, true);
                if (response != null) {
                    OutputStream out = s.getOutputStream();
                    out.write(new byte[] {(byte) (response.length >>> 8), (byte) response.length});
                    out.write(response);
                    out.flush();
                }
            } catch (SocketException e) {
                if (closed) {
                    return;
                }
            } catch (IOException | RuntimeException e) {
                // next connection
            }
        }
    }

    /** The response to a query, or null to stay silent (TIMEOUT). */
    private byte[] answer(byte[] q, int length, boolean tcp) {
        int id = (q[0] & 0xff) << 8 | (q[1] & 0xff);
        int rd = q[2] & 0x01;
        int arcount = (q[10] & 0xff) << 8 | (q[11] & 0xff);
        int p = 12;
        StringBuilder name = new StringBuilder();
        while (q[p] != 0) {
            int len = q[p] & 0xff;
            if (name.length() > 0) {
                name.append('.');
            }
            name.append(new String(q, p + 1, len, StandardCharsets.US_ASCII));
            p += 1 + len;
        }
        p++;
        int questionEnd = p + 4;
        int qtype = (q[p] & 0xff) << 8 | (q[p + 1] & 0xff);
        String qname = name.toString().toLowerCase(Locale.ROOT);
        String typeName = TYPES.entrySet().stream().filter(e -> e.getValue() == qtype).map(Map.Entry::getKey).findFirst().orElse("TYPE" + qtype);
        queries.add(qname + " " + typeName);
        if (tcp) {
            overTcp.put(qname, true);
        }
        int udpSize = 512;
        if (arcount > 0 && questionEnd + 5 <= length && q[questionEnd] == 0 && q[questionEnd + 2] == 41) {
            udpSize = Math.max(512, (q[questionEnd + 3] & 0xff) << 8 | (q[questionEnd + 4] & 0xff));
        }
        if (maxUdpPayload > 0) {
            udpSize = Math.min(udpSize, maxUdpPayload);
        }

        List<Rr> own = records(qname);
        if (own.stream().anyMatch(r -> r.type.equals("TIMEOUT"))) {
            return null;
        }
        int rcode = 0;
        List<Rr> answers = new ArrayList<>();
        if (own.stream().anyMatch(r -> r.type.equals("SERVFAIL"))) {
            rcode = 2;
        } else if (own.isEmpty()) {
            rcode = 3;
        } else {
            String current = qname;
            for (int hops = 0; hops < 8; hops++) {
                List<Rr> here = records(current);
                List<Rr> cname = here.stream().filter(r -> r.type.equals("CNAME")).toList();
                if (!cname.isEmpty() && !typeName.equals("CNAME")) {
                    answers.add(cname.get(0));
                    current = cname.get(0).value.toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
                    continue;
                }
                here.stream().filter(r -> r.type.equals(typeName)).forEach(answers::add);
                break;
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        u16(out, id);
        u16(out, 0x8000 | 0x0400 | rd << 8 | 0x0080 | rcode);
        u16(out, 1);
        u16(out, answers.size());
        u16(out, 0);
        u16(out, 0);
        out.write(q, 12, questionEnd - 12);
        for (Rr r : answers) {
            if (r.name.equals(qname)) {
                u16(out, 0xc00c); // compression pointer to the question name (RFC 1035 section 4.1.4)
            } else {
                name(out, r.name);
            }
            u16(out, TYPES.get(r.type));
            u16(out, 1);
            u16(out, 0);
            u16(out, 300);
            byte[] rdata = rdata(r);
            u16(out, rdata.length);
            out.writeBytes(rdata);
        }
        byte[] response = out.toByteArray();
        if (!tcp && response.length > udpSize) {
            // RFC 1035 section 4.2.1 / RFC 7766: too big for UDP, so header and question only, with TC set.
            byte[] truncated = new byte[questionEnd];
            System.arraycopy(response, 0, truncated, 0, questionEnd);
            truncated[2] |= 0x02;
            truncated[6] = 0;
            truncated[7] = 0;
            return truncated;
        }
        return response;
    }

    private List<Rr> records(String name) {
        return zone.stream().filter(r -> r.name.equals(name)).toList();
    }

    private static byte[] rdata(Rr r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            switch (r.type) {
                case "A", "AAAA" -> out.writeBytes(InetAddress.getByName(r.value).getAddress());
                case "CNAME", "NS" -> name(out, r.value);
                case "MX" -> {
                    String[] parts = r.value.split("\\s+");
                    u16(out, Integer.parseInt(parts[0]));
                    name(out, parts[1]);
                }
                case "TXT" -> {
                    Matcher m = QUOTED.matcher(r.value);
                    boolean any = false;
                    while (m.find()) {
                        any = true;
                        byte[] s = m.group(1).replaceAll("\\\\(.)", "$1").getBytes(StandardCharsets.UTF_8);
                        for (int i = 0; i < s.length || i == 0; i += 255) {
                            int n = Math.min(255, s.length - i);
                            out.write(n);
                            out.write(s, i, n);
                        }
                    }
                    if (!any) {
                        throw new IllegalArgumentException("TXT value must be quoted: " + r.value);
                    }
                }
                default -> throw new IllegalArgumentException(r.type);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("bad address in the zone: " + r.value, e);
        }
        return out.toByteArray();
    }

    private static void name(ByteArrayOutputStream out, String name) {
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (!n.isEmpty()) {
            for (String label : n.split("\\.")) {
                byte[] b = label.getBytes(StandardCharsets.US_ASCII);
                out.write(b.length);
                out.writeBytes(b);
            }
        }
        out.write(0);
    }

    private static void u16(ByteArrayOutputStream out, int v) {
        out.write(v >>> 8 & 0xff);
        out.write(v & 0xff);
    }

    /** The zone and the UDP size limit. */
    public static final class Builder {
        private final List<Rr> zone = new ArrayList<>();
        private int maxUdpPayload;

        private Builder() {
        }

        /** Adds the records of a zone text (blank lines and lines starting with # or ; are ignored). */
        public Builder zone(String text) {
            for (String raw : text.split("\n")) {
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                    continue;
                }
                String[] parts = line.split("\\s+", 3);
                String type = parts.length > 1 ? parts[1].toUpperCase(Locale.ROOT) : "";
                if (!TYPES.containsKey(type) && !type.equals("SERVFAIL") && !type.equals("TIMEOUT")) {
                    throw new IllegalArgumentException("zone line needs \"name TYPE value\" with TYPE one of " + TYPES.keySet() + ", SERVFAIL, TIMEOUT: " + line);
                }
                String name = parts[0].toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
                zone.add(new Rr(name, type, parts.length > 2 ? parts[2] : ""));
            }
            return this;
        }

        /** Adds one record. */
        public Builder record(String name, String type, String value) {
            return zone(name + " " + type + " " + value);
        }

        /** Truncates UDP answers above this size even when the client offers more (to exercise TCP fallback). */
        public Builder maxUdpPayload(int octets) {
            this.maxUdpPayload = octets;
            return this;
        }

        public TestDnsServer build() {
            return new TestDnsServer(this);
        }
    }

    /** For reading a zone from the classpath. */
    public static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
