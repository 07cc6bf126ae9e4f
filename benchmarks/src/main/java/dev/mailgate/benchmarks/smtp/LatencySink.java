package dev.mailgate.benchmarks.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A loopback SMTP sink that answers like a real server one round trip away: every time it has replies to send
 * for what it has read (one "server turn"), it first waits {@code rttMicros}. Pipelined commands that arrive
 * together therefore cost one turn, lock-step commands one turn each, as over a real network. It accepts every
 * message, AUTH included, and counts what it accepted so that the harness can check the clients' claims. With a
 * server {@link SSLContext} it offers STARTTLS (RFC 3207) and upgrades when asked.
 *
 * <p>{@link #main} runs it in a JVM of its own (see {@link ChildSink}) so that the sink's threads and garbage do not
 * share the client's JVM.
 */
final class LatencySink implements AutoCloseable {
    private final ServerSocket server;
    private final long rttNanos;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong acceptedBytes = new AtomicLong();
    /** Server turns taken (each one RTT): per message, how well a client chains its commands. */
    private final AtomicLong turns = new AtomicLong();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final SSLContext tls;
    private volatile boolean closed;

    LatencySink(long rttMicros) throws IOException {
        this(rttMicros, null);
    }

    LatencySink(long rttMicros, SSLContext tls) throws IOException {
        this.rttNanos = rttMicros * 1000;
        this.tls = tls;
        server = new ServerSocket();
        // A receive window that holds a whole large message, as a real server's tuned window would; without it
        // loopback's small initial window makes the client's write wait for the sink's reads.
        server.setReceiveBufferSize(1024 * 1024);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        Thread t = new Thread(this::acceptLoop, "latency-sink");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    long accepted() {
        return accepted.get();
    }

    long turns() {
        return turns.get();
    }

    /** Content octets of the accepted messages (as on the wire: dot-stuffed, CRLFs included, the final dot not). */
    long acceptedBytes() {
        return acceptedBytes.get();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                open.add(s);
                Thread t = new Thread(() -> session(s), "latency-sink-session");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    /**
     * Usage: {@code LatencySink rttMicros [starttls]}. Prints {@code port N}, then answers each {@code count} line on
     * stdin with the number of messages accepted so far, each {@code turns} line with the server turns taken so
     * far and each {@code bytes} line with the content octets accepted so far; ends at end of input.
     */
    public static void main(String[] args) throws Exception {
        SSLContext tls = args.length > 1 && args[1].equals("starttls") ? dev.mailgate.testing.smtp.TestCertificates.localhostServer() : null;
        try (LatencySink sink = new LatencySink(Long.parseLong(args[0]), tls);
                java.io.BufferedReader commands = new java.io.BufferedReader(new java.io.InputStreamReader(System.in, StandardCharsets.US_ASCII))) {
            System.out.println("port " + sink.port());
            System.out.flush();
            String line;
            while ((line = commands.readLine()) != null) {
                if (line.equals("count")) {
                    System.out.println(sink.accepted());
                    System.out.flush();
                } else if (line.equals("turns")) {
                    System.out.println(sink.turns());
                    System.out.flush();
                } else if (line.equals("bytes")) {
                    System.out.println(sink.acceptedBytes());
                    System.out.flush();
                }
            }
        }
    }

    private void session(Socket s) {
        try {
            converse(s, true);
        } catch (IOException e) {
            // the client went away
        } finally {
            open.remove(s);
        }
    }

    private void converse(Socket s, boolean greet) throws IOException {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            boolean secure = s instanceof SSLSocket;
            StringBuilder replies = new StringBuilder(greet ? "220 sink ESMTP\r\n" : "");
            if (greet) {
                turn(out, replies);
            }
            byte[] buf = new byte[64 * 1024];
            byte[] line = new byte[64 * 1024];
            int lineLength = 0;
            boolean data = false;
            boolean authLogin = false;
            int authSteps = 0;
            long messageBytes = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                int i = 0;
                while (i < n) {
                    if (data) {
                        // Message content: find the next LF with a tight scan; only a line's first two octets
                        // matter (is it the "." terminator?).
                        // Eight octets per step, as a production server's scanner would: a byte-at-a-time sink sharing
                        // the two cores charged large messages for the harness's own slowness.
                        int j = dev.mailgate.core.internal.ByteScan.indexOfLf(buf, i, n);
                        for (int k = i; k < j && lineLength + (k - i) < 2; k++) {
                            line[lineLength + (k - i)] = buf[k];
                        }
                        lineLength += j - i;
                        if (j == n) {
                            i = n;
                            continue;
                        }
                        lineLength++;
                        if (lineLength == 3 && line[0] == '.' && line[1] == '\r') {
                            data = false;
                            accepted.incrementAndGet();
                            acceptedBytes.addAndGet(messageBytes);
                            replies.append("250 2.0.0 Ok: queued as ").append(accepted.get()).append("\r\n");
                        } else {
                            messageBytes += lineLength;
                        }
                        lineLength = 0;
                        i = j + 1;
                        continue;
                    }
                    byte b = buf[i++];
                    if (lineLength < line.length) {
                        line[lineLength] = b;
                    }
                    lineLength++;
                    if (b != '\n') {
                        continue;
                    }
                    String cmd = new String(line, 0, Math.min(lineLength, line.length), StandardCharsets.US_ASCII).trim();
                    lineLength = 0;
                    String verb = cmd.length() >= 4 ? cmd.substring(0, 4).toUpperCase() : cmd.toUpperCase();
                    if (authLogin) {
                        authSteps++;
                        if (authSteps == 1) {
                            replies.append("334 UGFzc3dvcmQ6\r\n");
                        } else {
                            authLogin = false;
                            replies.append("235 2.7.0 Authentication successful\r\n");
                        }
                        continue;
                    }
                    switch (verb) {
                        case "EHLO" -> replies.append("250-sink\r\n250-PIPELINING\r\n250-SIZE 52428800\r\n250-8BITMIME\r\n")
                                .append(tls != null && !secure ? "250-STARTTLS\r\n" : "")
                                .append("250-AUTH PLAIN LOGIN\r\n250 ENHANCEDSTATUSCODES\r\n");
                        case "STAR" -> {
                            replies.append("220 2.0.0 Ready to start TLS\r\n");
                            turn(out, replies);
                            SSLSocket upgraded = (SSLSocket) tls.getSocketFactory().createSocket(s, null, s.getPort(), true);
                            upgraded.setUseClientMode(false);
                            upgraded.startHandshake();
                            open.add(upgraded);
                            converse(upgraded, false);
                            return;
                        }
                        case "HELO" -> replies.append("250 sink\r\n");
                        case "AUTH" -> {
                            if (cmd.toUpperCase().startsWith("AUTH LOGIN")) {
                                authLogin = true;
                                authSteps = 0;
                                replies.append("334 VXNlcm5hbWU6\r\n");
                            } else {
                                replies.append("235 2.7.0 Authentication successful\r\n");
                            }
                        }
                        case "MAIL" -> replies.append("250 2.1.0 Ok\r\n");
                        case "RCPT" -> replies.append("250 2.1.5 Ok\r\n");
                        case "DATA" -> {
                            data = true;
                            messageBytes = 0;
                            replies.append("354 End data with <CR><LF>.<CR><LF>\r\n");
                        }
                        case "RSET", "NOOP" -> replies.append("250 2.0.0 Ok\r\n");
                        case "QUIT" -> {
                            replies.append("221 2.0.0 Bye\r\n");
                            turn(out, replies);
                            return;
                        }
                        default -> replies.append("502 5.5.2 Error\r\n");
                    }
                }
                if (replies.length() > 0) {
                    turn(out, replies);
                }
            }
        } finally {
            open.remove(s);
        }
    }

    /** One server turn: wait the round-trip time, then send every pending reply in one write. */
    private void turn(OutputStream out, StringBuilder replies) throws IOException {
        turns.incrementAndGet();
        if (rttNanos > 0) {
            long until = System.nanoTime() + rttNanos;
            while (System.nanoTime() < until) {
                LockSupport.parkNanos(until - System.nanoTime());
            }
        }
        out.write(replies.toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
        replies.setLength(0);
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
