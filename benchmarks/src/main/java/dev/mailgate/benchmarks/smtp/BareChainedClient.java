package dev.mailgate.benchmarks.smtp;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * The ceiling the send path is measured against: the least a client can do on one connection and still send what
 * an application sends. It builds a new multipart/alternative message per send with a minimal writer (a fixed
 * template, no folding, no encoding choice: the benchmark's bodies are ASCII), and chains pipelining (RFC 2920): the
 * next message's MAIL, RCPT and DATA go out in the same write as this message's content, so each message costs
 * one round trip. No validation, no receipts, no retries, no listener: a floor for CPU per message, not a client
 * anyone should use.
 */
final class BareChainedClient implements AutoCloseable {
    private static final byte[] ENVELOPE = "MAIL FROM:<news@example.com>\r\nRCPT TO:<ana@example.org>\r\nDATA\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Socket socket;
    private InputStream in;
    private OutputStream out;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(16 * 1024);
    private final String text;
    private final String html;

    /** Connects, greets, optionally upgrades with STARTTLS, authenticates with AUTH PLAIN. */
    BareChainedClient(int port, String text, String html, SSLContext startTls) throws IOException {
        this.text = text.replace("\n", "\r\n");
        this.html = html.replace("\n", "\r\n");
        Socket plain = new Socket(InetAddress.getLoopbackAddress(), port);
        plain.setTcpNoDelay(true);
        streams(plain);
        expect(1);
        command("EHLO bench.example\r\n", 1);
        if (startTls != null) {
            command("STARTTLS\r\n", 1);
            SSLSocket tls = (SSLSocket) startTls.getSocketFactory().createSocket(plain, "localhost", port, true);
            tls.startHandshake();
            streams(tls);
            command("EHLO bench.example\r\n", 1);
            socket = tls;
        } else {
            socket = plain;
        }
        command("AUTH PLAIN AGJlbmNoAGJlbmNo\r\n", 1);
    }

    private void streams(Socket s) throws IOException {
        in = new BufferedInputStream(s.getInputStream(), 64 * 1024);
        out = s.getOutputStream();
    }

    /** Sends {@code n} new messages chained: one round trip each after the first envelope. */
    int sendChain(int n) throws IOException {
        out.write(ENVELOPE);
        out.flush();
        expect(3); // 250 MAIL, 250 RCPT, 354
        for (int i = 0; i < n; i++) {
            buffer.reset();
            render(buffer);
            buffer.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
            if (i + 1 < n) {
                buffer.write(ENVELOPE);
            }
            buffer.writeTo(out);
            out.flush();
            expect(i + 1 < n ? 4 : 1); // 250 for the content (+ the next envelope's three)
        }
        return n;
    }

    private void render(ByteArrayOutputStream to) throws IOException {
        String boundary = "b" + Long.toHexString(ThreadLocalRandom.current().nextLong());
        String id = Long.toHexString(ThreadLocalRandom.current().nextLong());
        StringBuilder m = new StringBuilder(text.length() + html.length() + 800);
        m.append("From: Mailgate Team <news@example.com>\r\nTo: ana@example.org\r\nReply-To: support@example.com\r\n")
                .append("Subject: Your November newsletter\r\nX-Campaign: nov-2026\r\nMessage-ID: <").append(id).append("@example.com>\r\n")
                .append("MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=\"").append(boundary).append("\"\r\n\r\n")
                .append("--").append(boundary).append("\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n").append(text)
                .append("\r\n--").append(boundary).append("\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n").append(html)
                .append("\r\n--").append(boundary).append("--\r\n");
        to.write(m.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void command(String line, int replies) throws IOException {
        out.write(line.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        expect(replies);
    }

    /** Reads {@code n} complete replies (multi-line replies count once) and fails on any that is not 2xx/3xx. */
    private void expect(int n) throws IOException {
        for (int done = 0; done < n;) {
            int first = in.read();
            if (first < 0) {
                throw new IOException("connection closed");
            }
            if (first != '2' && first != '3') {
                throw new IOException("refused: " + (char) first);
            }
            in.read();
            in.read();
            int sep = in.read();
            int b;
            while ((b = in.read()) != '\n') {
                if (b < 0) {
                    throw new IOException("connection closed");
                }
            }
            if (sep == ' ') {
                done++;
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
