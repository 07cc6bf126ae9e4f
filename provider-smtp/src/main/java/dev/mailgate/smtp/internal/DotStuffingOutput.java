package dev.mailgate.smtp.internal;

import dev.mailgate.core.internal.ByteScan;
import java.io.IOException;
import java.io.OutputStream;

/**
 * {@link DotStuffing} as a stream: what is written to it reaches {@code out} prepared for DATA (RFC 5321 section
 * 4.5.2) — every line break CRLF (a bare CR or LF never reaches the wire), a '.' starting a line doubled — and
 * {@link #end} adds CRLF "." CRLF, after a CRLF when the last line is open. The connection writes a rendered message
 * through it straight into its own buffer, so the message's bytes are scanned once and copied once (into that
 * buffer): no wire copy, no stuffed copy (issue 25). Runs of good lines go to {@code out} in one write each; a CR at
 * the end of one write is decided by the first octet of the next. Reusable: {@link #begin} starts a message.
 * Not thread-safe; the output is byte for byte {@link DotStuffing#encode}'s, however the content is split into
 * writes ({@code DotStuffingOutputTest}).
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
        while (true) {
            if (atLineStart && i < end) {
                atLineStart = false;
                if (b[i] == '.') {
                    emit(b, runStart, i - runStart);
                    emit(DOT, 0, 1);
                    runStart = i;
                }
            }
            int j = ByteScan.indexOfCrOrLf(b, i, end);
            if (j == end) {
                break;
            }
            if (b[j] == '\r' && j + 1 < end && b[j + 1] == '\n') {
                // A good line: it stays in the run.
                i = j + 2;
                atLineStart = true;
                continue;
            }
            emit(b, runStart, j - runStart);
            if (b[j] == '\r' && j + 1 == end) {
                pendingCr = true;
                runStart = end;
                i = end;
                break;
            }
            // A bare CR or LF: CRLF in its place.
            emit(CRLF, 0, 2);
            atLineStart = true;
            i = j + 1;
            runStart = i;
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
