package dev.mailgate.testing.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Forwards TCP connections on a random loopback port to a real server (GreenMail IMAP, PostgreSQL, ...) and cuts
 * the connection when the client sends a line matching a pattern: {@link When#BEFORE_FORWARDING} (the server never
 * sees the command) or {@link When#AFTER_FORWARDING} (the server acts on it, the client never hears the answer —
 * the hard case for "did it happen?"). Client lines are read as text, so use it for line protocols in plaintext.
 */
public final class FaultProxy implements AutoCloseable {
    /** Whether the cut comes before or after the server gets the command. */
    public enum When { BEFORE_FORWARDING, AFTER_FORWARDING }

    private final InetSocketAddress target;
    private final Pattern trigger;
    private final When when;
    private final AtomicInteger remaining;
    private final AtomicInteger cuts = new AtomicInteger();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private ServerSocket server;
    private volatile boolean closed;

    private FaultProxy(InetSocketAddress target, Pattern trigger, When when, int times) {
        this.target = target;
        this.trigger = trigger;
        this.when = when;
        this.remaining = new AtomicInteger(times);
    }

    /** Cuts the first {@code times} connections whose client sends a line matching {@code trigger}. */
    public static FaultProxy start(InetSocketAddress target, Pattern trigger, When when, int times) throws IOException {
        FaultProxy p = new FaultProxy(target, trigger, when, times);
        p.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(p::acceptLoop, "fault-proxy");
        t.setDaemon(true);
        t.start();
        return p;
    }

    public int port() {
        return server.getLocalPort();
    }

    /** How many connections were cut so far. */
    public int cuts() {
        return cuts.get();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket();
                upstream.connect(target, 5_000);
                sockets.add(client);
                sockets.add(upstream);
                java.util.concurrent.atomic.AtomicBoolean muted = new java.util.concurrent.atomic.AtomicBoolean();
                daemon(() -> pump(upstream, client, false, client, upstream, muted));
                daemon(() -> pump(client, upstream, true, client, upstream, muted));
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void pump(Socket from, Socket to, boolean fromClient, Socket client, Socket upstream, java.util.concurrent.atomic.AtomicBoolean muted) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                if (!fromClient) {
                    if (muted.get()) {
                        continue; // the answer to the cut command never reaches the client
                    }
                    out.write(b);
                    if (in.available() == 0) {
                        out.flush();
                    }
                    continue;
                }
                line.write(b);
                if (b != '\n') {
                    continue;
                }
                byte[] bytes = line.toByteArray();
                line.reset();
                boolean cut = trigger.matcher(new String(bytes, StandardCharsets.ISO_8859_1).strip()).find() && remaining.getAndDecrement() > 0;
                if (cut && when == When.BEFORE_FORWARDING) {
                    cut(client, upstream);
                    return;
                }
                if (cut) {
                    muted.set(true);
                }
                out.write(bytes);
                out.flush();
                if (cut) {
                    // let the server act on the command, then drop both sides before its answer gets through
                    Thread.sleep(300);
                    cut(client, upstream);
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // a side closed
        } finally {
            closeQuietly(client);
            closeQuietly(upstream);
        }
    }

    private void cut(Socket client, Socket upstream) {
        cuts.incrementAndGet();
        closeQuietly(client);
        closeQuietly(upstream);
    }

    private static void daemon(Runnable r) {
        Thread t = new Thread(r, "fault-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        sockets.forEach(FaultProxy::closeQuietly);
    }
}
