package dev.mailgate.deliverability.dns;

import dev.mailgate.deliverability.internal.DnsWire;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;

/**
 * Asks one recursive DNS server over UDP (with EDNS0), and over TCP when the answer was truncated (RFC 7766). Each
 * question has a random id and is retried once on timeout; a response with another id or question is dropped, not
 * believed. Thread-safe: every query uses its own socket.
 */
public final class UdpDnsResolver implements DnsResolver {
    private static final SecureRandom IDS = new SecureRandom();
    private final InetSocketAddress server;
    private final Duration timeout;
    private final int attempts;

    private UdpDnsResolver(InetSocketAddress server, Duration timeout, int attempts) {
        this.server = Objects.requireNonNull(server, "server");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.attempts = attempts;
    }

    /** Asks {@code server} with a 2 s timeout per attempt, 2 attempts. */
    public static UdpDnsResolver of(InetSocketAddress server) {
        return new UdpDnsResolver(server, Duration.ofSeconds(2), 2);
    }

    /** The first {@code nameserver} of {@code /etc/resolv.conf}. */
    public static UdpDnsResolver system() {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/resolv.conf"))) {
                String[] words = line.strip().split("\\s+");
                if (words.length >= 2 && words[0].equals("nameserver")) {
                    return of(new InetSocketAddress(InetAddress.getByName(words[1]), 53));
                }
            }
        } catch (IOException e) {
            throw new DnsException("cannot read /etc/resolv.conf to find a DNS server; give one explicitly", e);
        }
        throw new DnsException("/etc/resolv.conf names no nameserver; give a DNS server explicitly");
    }

    /** The same resolver with another per-attempt timeout and number of attempts. */
    public UdpDnsResolver withTimeout(Duration perAttempt, int attempts) {
        if (attempts < 1 || perAttempt.isNegative() || perAttempt.isZero()) {
            throw new IllegalArgumentException("need a positive timeout and at least one attempt, got " + perAttempt + " x " + attempts);
        }
        return new UdpDnsResolver(server, perAttempt, attempts);
    }

    @Override
    public DnsAnswer query(String name, DnsType type) {
        int id = IDS.nextInt(0x10000);
        byte[] query = DnsWire.query(id, name, type);
        DnsException last = null;
        for (int attempt = 0; attempt < attempts; attempt++) {
            try (DatagramSocket socket = new DatagramSocket()) {
                socket.setSoTimeout((int) timeout.toMillis());
                socket.connect(server);
                socket.send(new DatagramPacket(query, query.length));
                byte[] buffer = new byte[DnsWire.EDNS_PAYLOAD + 512];
                long deadline = System.nanoTime() + timeout.toNanos();
                while (true) {
                    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                    socket.receive(packet);
                    if (DnsWire.truncated(buffer, packet.getLength())) {
                        return overTcp(query, id, name, type);
                    }
                    if (DnsWire.answers(buffer, packet.getLength(), id, name, type)) {
                        return DnsWire.parse(buffer, packet.getLength(), id, name, type);
                    }
                    // A datagram for another question (late or spoofed) is dropped; keep waiting for ours.
                    long left = (deadline - System.nanoTime()) / 1_000_000;
                    if (left <= 0) {
                        throw new SocketTimeoutException();
                    }
                    socket.setSoTimeout((int) left);
                }
            } catch (SocketTimeoutException e) {
                last = new DnsException("no answer from the DNS server " + server + " for " + name + " " + type + " within " + timeout.toMillis() + " ms", e);
            } catch (IOException e) {
                last = new DnsException("cannot ask the DNS server " + server + " for " + name + " " + type + ": " + e.getMessage(), e);
            }
        }
        throw last;
    }

    private DnsAnswer overTcp(byte[] query, int id, String name, DnsType type) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(server, (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            byte[] framed = new byte[query.length + 2];
            framed[0] = (byte) (query.length >>> 8);
            framed[1] = (byte) query.length;
            System.arraycopy(query, 0, framed, 2, query.length);
            out.write(framed);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int length = in.readUnsignedShort();
            byte[] response = new byte[length];
            in.readFully(response);
            return DnsWire.parse(response, length, id, name, type);
        }
    }

    @Override
    public String toString() {
        return "UdpDnsResolver[" + server + "]";
    }
}
