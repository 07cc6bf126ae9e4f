package dev.mailgate.smtp.internal;

import dev.mailgate.core.internal.ByteScan;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Dot-stuffing as a stream: what is written to it reaches {@code out} prepared for DATA (RFC 5321 section
 * 4.5.2) — every line break CRLF (a bare CR or LF never reaches the wire), a '.' starting a line doubled — and
 * {@link #end} adds CRLF "." CRLF, after a CRLF when the last line is open. The connection writes a rendered message
 * through it straight into its own buffer, so the message's bytes are scanned once and copied once (into that
 * buffer): no wire copy, no stuffed copy (issue 25). Runs of good lines go to {@code out} in one write each; a CR at
 * the end of one write is decided by the first octet of the next. Reusable: {@link #begin} starts a message.
 * Not thread-safe; the output is byte for byte that of the separate whole-message pass the connection used
 * before, however the content is split into writes ({@code DotStuffingOutputTest} checks it against that pass, kept in
 * the tests as the reference).
 */
public final class DotStuffingOutput extends OutputStream {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] TERMINATOR = {'.', '\r', '\n'};
    private static final byte[] DOT = {'.'};

    private final OutputStream out;
    private boolean atLineStart = true;
    private boolean pendingCr;
    private long written;

    public DotStuffingOutput(OutputStream out) {
        this.out = out;
    }

    /** Starts a message: at the start of a line, nothing written. */
    public DotStuffingOutput begin() {
        atLineStart = true;
        pendingCr = false;
        written = 0;
        return this;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        int end = off + len;
        int i = off;
        if (pendingCr && i < end) {
            // The CR that ended the previous write: CRLF whatever follows, and a following LF is part of it.
            pendingCr = false;
            emit(CRLF, 0, 2);
            atLineStart = true;
            if (b[i] == '\n') {
                i++;
            }
        }
        int runStart = i;
        while (i < end) {
            if (atLineStart) {
                atLineStart = false;
                if (b[i] == '.') {
                    emit(b, runStart, i - runStart);
                    emit(DOT, 0, 1);
                    runStart = i;
                }
            }
            byte c = b[i];
            if (c == '\r') {
                if (i + 1 < end && b[i + 1] == '\n') {
                    // A good line break: it stays in the run.
                    i += 2;
                    atLineStart = true;
                    continue;
                }
                emit(b, runStart, i - runStart);
                if (i + 1 == end) {
                    pendingCr = true;
                    return;
                }
                // A bare CR: CRLF in its place.
                emit(CRLF, 0, 2);
                atLineStart = true;
                runStart = ++i;
                continue;
            }
            if (c == '\n') {
                // An LF here is bare: a CR before it, in this write or the last, took it with it.
                emit(b, runStart, i - runStart);
                emit(CRLF, 0, 2);
                atLineStart = true;
                runStart = ++i;
                continue;
            }
            // An ordinary octet: pass over good lines to the next octet that may need a change.
            int j = ByteScan.indexOfStuffingFix(b, i + 1, end);
            if (j == end) {
                // The good line breaks passed over say nothing of the state, but the last octet does: a final LF
                // here is a good one (a bare one would have been found), so the next write starts a line.
                atLineStart = b[end - 1] == '\n';
                break;
            }
            if (b[j] == '.' && b[j - 1] == '\n') {
                // After a CRLF (a bare LF before it would have been found first): double it.
                emit(b, runStart, j - runStart);
                emit(DOT, 0, 1);
                runStart = j;
            }
            i = j;
        }
        emit(b, runStart, end - runStart);
    }

    /** Ends the message with CRLF "." CRLF (a CRLF first when the last line is open); returns the octets written. */
    public long end() throws IOException {
        if (pendingCr) {
            pendingCr = false;
            emit(CRLF, 0, 2);
            atLineStart = true;
        }
        if (!atLineStart) {
            emit(CRLF, 0, 2);
            atLineStart = true;
        }
        emit(TERMINATOR, 0, 3);
        return written;
    }

    private void emit(byte[] b, int off, int len) throws IOException {
        if (len > 0) {
            out.write(b, off, len);
            written += len;
        }
    }

    /** Flushes {@code out}. */
    @Override
    public void flush() throws IOException {
        out.flush();
    }
}
