package dev.mailgate.core.mime;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * An unsynchronized buffered byte sink that counts what it writes: either in front of an {@link OutputStream},
 * or, with no stream, a growable in-memory buffer that is itself the result (so rendering to bytes copies once).
 */
final class MimeOutput {
    /**
     * The streaming buffer of the thread's last {@link #MimeOutput(OutputStream)}, handed to the next one: a
     * message rendered per send would otherwise allocate (and collect) 8 KB each time, a fifth of what rendering a
     * newsletter allocates. Taken out while in use, so a nested render on the same thread gets a new one.
     */
    private static final ThreadLocal<byte[]> RECYCLED = new ThreadLocal<>();
    /**
     * The in-memory buffer of the thread's last {@link #MimeOutput(int)}, likewise: rendering to bytes allocated a
     * fresh buffer of at least 8 KB per message besides the exact-size result (issue 25: 9.9 KB of the batch path's
     * 57 KB per message). Kept up to {@value #KEEP_IN_MEMORY} octets, so one huge message does not stay pinned.
     */
    private static final ThreadLocal<byte[]> RECYCLED_IN_MEMORY = new ThreadLocal<>();
    private static final int KEEP_IN_MEMORY = 64 * 1024;

    private final OutputStream out;
    private byte[] buf;
    private int count;
    private long total;

    MimeOutput(OutputStream out) {
        this.out = out;
        byte[] recycled = RECYCLED.get();
        if (recycled != null) {
            RECYCLED.remove();
        }
        this.buf = recycled != null ? recycled : new byte[8192];
    }

    /** Gives the streaming buffer back to the thread (call once, after the last write and {@link #flush()}). */
    void release() {
        if (out != null && buf.length == 8192) {
            RECYCLED.set(buf);
        } else if (out == null && buf.length <= KEEP_IN_MEMORY) {
            RECYCLED_IN_MEMORY.set(buf);
        }
        buf = null;
    }

    /**
     * An in-memory output that grows as needed; read it with {@link #toByteArray()}, then {@link #release()} it.
     */
    MimeOutput(int initialCapacity) {
        this.out = null;
        byte[] recycled = RECYCLED_IN_MEMORY.get();
        if (recycled != null) {
            RECYCLED_IN_MEMORY.remove();
        }
        this.buf = recycled != null && recycled.length >= initialCapacity ? recycled : new byte[Math.max(8192, initialCapacity)];
    }

    /** The bytes written, in an array of their own (the buffer is recycled). */
    byte[] toByteArray() {
        return java.util.Arrays.copyOf(buf, count);
    }

    void write(int b) throws IOException {
        if (count == buf.length) {
            drain();
        }
        buf[count++] = (byte) b;
    }

    void write(byte[] b, int off, int len) throws IOException {
        if (out == null) {
            grow(len);
            System.arraycopy(b, off, buf, count, len);
            count += len;
            return;
        }
        if (len >= buf.length) {
            drain();
            out.write(b, off, len);
            total += len;
            return;
        }
        if (len > buf.length - count) {
            drain();
        }
        System.arraycopy(b, off, buf, count, len);
        count += len;
    }

    void write(byte[] b) throws IOException {
        write(b, 0, b.length);
    }

    /** Writes text as UTF-8 (which is plain ASCII for ASCII text). */
    void text(CharSequence s) throws IOException {
        int n = s.length();
        if (n <= buf.length - count) {
            // the usual case, a header line that fits: no drain check per character (header writing's hottest loop)
            byte[] b = buf;
            int c = count;
            for (int i = 0; i < n; i++) {
                char ch = s.charAt(i);
                if (ch >= 0x80) {
                    count = c;
                    write(s.subSequence(i, n).toString().getBytes(StandardCharsets.UTF_8));
                    return;
                }
                b[c++] = (byte) ch;
            }
            count = c;
            return;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                write(s.subSequence(i, n).toString().getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (count == buf.length) {
                drain();
            }
            buf[count++] = (byte) c;
        }
    }

    /**
     * Makes room for {@code octets} direct writes into {@link #buffer()} starting at {@link #position()}; encoders
     * use it to write without a call per octet. At most half the buffer can be reserved.
     */
    void reserve(int octets) throws IOException {
        if (octets > buf.length / 2) {
            throw new IllegalArgumentException("cannot reserve " + octets + " octets");
        }
        if (buf.length - count < octets) {
            drain();
        }
    }

    byte[] buffer() {
        return buf;
    }

    int position() {
        return count;
    }

    /** Marks octets written directly into the buffer as written. */
    void advanceTo(int position) {
        count = position;
    }

    void crlf() throws IOException {
        write('\r');
        write('\n');
    }

    void flush() throws IOException {
        if (out != null) {
            drain();
            out.flush();
        }
    }

    long total() {
        return total + count;
    }

    private void grow(int more) {
        if (buf.length - count < more) {
            buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, count + more));
        }
    }

    private void drain() throws IOException {
        if (out == null) {
            // In memory there is nothing to drain to: make room instead (at least half the buffer, for reserve()).
            grow(Math.max(1, buf.length / 2));
            return;
        }
        if (count > 0) {
            out.write(buf, 0, count);
            total += count;
            count = 0;
        }
    }
}
