package curio.net;

import curio.api.trap.Traps;
import curio.api.CancelledError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * A buffered byte stream over an async channel (Curio's {@code StreamBase}): the read and write
 * methods suspend the calling task. {@link SocketStream} is the one over a socket.
 * <pre>{@code
 * for (byte[] line : stream.lines()) {
 *     stream.write(line);          // echo each line
 * }
 * }</pre>
 * Cancelled reads and writes attach what they had done to the cancellation
 * ({@link PartialIo.Read}, {@link PartialIo.Written},
 * {@link PartialIo.Lines}). Every method must be called from a task.
 */
public abstract class AsyncStream implements AutoCloseable {

    /** The default maximum length of a line, 64 KiB. */
    public static final int DEFAULT_MAX_LINE = 64 * 1024;

    private static final int CHUNK = 65536;
    private static final byte[] EMPTY = {};
    // Over a plain socket the buffer holds only what was read and not yet taken (see fill): it starts
    // at SMALL and, once emptied, a buffer larger than RETAIN is let go before the next wait, so an
    // idle stream between lines holds at most RETAIN bytes.
    private static final int SMALL = 512;
    private static final int RETAIN = 2048;
    /** Exact reads of fewer bytes than this, over a socket, read ahead into the buffer (readExactlyInto). */
    private static final int READ_AHEAD_BELOW = 4096;
    /** Messages larger than this are read into a buffer that grows as bytes arrive (readGrowing). */
    private static final int GROW_FROM = 64 * 1024;

    private final ByteChannelLike channel;
    // Invariant: buffered bytes are buf[start, end); they are read before the channel. Only readLine
    // fills the buffer, as in Curio, and over a socket short exact reads too (readExactlyInto): a file
    // is never read ahead by more than readLine needs.
    private byte[] buf = EMPTY;
    private int start;
    private int end;
    private int maxLineLength = DEFAULT_MAX_LINE;
    private boolean closed;

    /**
     * Creates a stream over a channel.
     *
     * @param channel the channel
     */
    protected AsyncStream(ByteChannelLike channel) {
        this.channel = Objects.requireNonNull(channel, "channel");
    }

    /**
     * Drops the bytes read ahead of the caller (after a file's position moved, they are stale).
     *
     * @return how many bytes were dropped
     */
    protected int discardBuffered() {
        int dropped = end - start;
        start = end = 0;
        return dropped;
    }

    /**
     * The channel this stream reads and writes, for a subclass that adds calls of its own.
     *
     * @return the channel
     */
    protected ByteChannelLike channel() {
        return channel;
    }

    /**
     * Sets the longest line {@link #readLine()} accepts; returns this.
     *
     * @param limit the limit
     * @return this stream
     * @throws IllegalArgumentException if not positive
     */
    public AsyncStream maxLineLength(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("maxLineLength must be positive, got " + limit);
        }
        this.maxLineLength = limit;
        return this;
    }

    /**
     * Reads up to {@code maxBytes} (65536 if {@code maxBytes <= 0}): buffered bytes if there are any,
     * else one read that waits for data. Returns an empty array at end of stream.
     *
     * @param maxBytes the most bytes to return
     * @return the bytes, at least one; an empty array at end of stream
     * @throws IOException if the I/O fails
     */
    public byte[] read(int maxBytes) throws IOException {
        async("read()");
        int want = maxBytes <= 0 ? CHUNK : maxBytes;
        if (end > start) {
            int n = Math.min(want, end - start);
            byte[] out = Arrays.copyOfRange(buf, start, start + n);
            start += n;
            return out;
        }
        return channel.recv(want); // a socket reads into the kernel's scratch array: only the bytes read are allocated
    }

    /**
     * Reads exactly {@code n} bytes. The array grows as the bytes arrive, so a length a peer announced costs
     * memory only once its bytes come: a header claiming 2 GiB followed by the end of the stream fails this
     * call with {@link IncompleteReadException}, not the kernel with {@link OutOfMemoryError}.
     *
     * @param n how many bytes to read
     * @return the {@code n} bytes read
     * @throws IncompleteReadException if the stream ends first (carrying what was read)
     */
    public byte[] readExactly(int n) throws IOException {
        async("readExactly()");
        if (n < 0) {
            throw new IllegalArgumentException("readExactly(): n must not be negative, got " + n);
        }
        if (n > GROW_FROM) {
            return readGrowing(n);
        }
        byte[] out = new byte[n];
        readExactlyInto(out, 0, n);
        return out;
    }

    /** Reads exactly {@code n} bytes into {@code out[off, off+n)}; as {@link #readExactly(int)} on failure. */
    void readExactlyInto(byte[] out, int off, int n) throws IOException {
        int got = takeBuffered(out, off, n);
        try {
            while (got < n) {
                int r;
                if (n - got < READ_AHEAD_BELOW && channel instanceof Socket) {
                    // A small read (a message's size, a short message) reads ahead into the buffer, so
                    // that one system call serves the messages behind it too. Reading ahead is safe on
                    // a socket: buffered bytes are read before the channel, and nothing else reads it.
                    r = fill();
                    got += takeBuffered(out, off + got, n - got);
                } else {
                    r = channel.recvInto(out, off + got, n - got);
                    got += r;
                }
                if (r == 0) {
                    throw new IncompleteReadException(Arrays.copyOfRange(out, off, off + got), n);
                }
            }
        } catch (CancelledError e) {
            throw e.attach(new PartialIo.Read(Arrays.copyOfRange(out, off, off + got)));
        }
    }

    /**
     * Reads exactly {@code n} bytes into an array that grows as they arrive, so that a length announced
     * by a peer costs memory only once the bytes come: a header claiming 64 MiB followed by silence
     * holds 64 KiB, not 64 MiB. The array doubles, ending at exactly {@code n}: no copy at the end.
     */
    private byte[] readGrowing(int n) throws IOException {
        byte[] out = new byte[GROW_FROM];
        int got = takeBuffered(out, 0, out.length);
        try {
            while (got < n) {
                if (got == out.length) {
                    out = Arrays.copyOf(out, (int) Math.min(n, 2L * out.length));
                }
                int r = channel.recvInto(out, got, out.length - got);
                if (r == 0) {
                    throw new IncompleteReadException(Arrays.copyOf(out, got), n);
                }
                got += r;
            }
        } catch (CancelledError e) {
            throw e.attach(new PartialIo.Read(Arrays.copyOf(out, got)));
        }
        return out;
    }

    private int takeBuffered(byte[] out, int off, int len) {
        int n = Math.min(len, end - start);
        System.arraycopy(buf, start, out, off, n);
        start += n;
        return n;
    }

    /**
     * Reads through the next {@code '\n'} (kept, as is a {@code '\r'} before it). At end of stream it
     * returns what is left without a newline, then empty arrays.
     *
     * @return the line with its newline; an empty array once the stream has ended
     * @throws LineTooLongException if no newline comes within the maximum line length
     */
    public byte[] readLine() throws IOException {
        async("readLine()");
        int checked = 0; // bytes after start already searched; relative, since fill() may move the data
        while (true) {
            int i = Newline.indexIn(buf, start + checked, end);
            if (i - start >= maxLineLength) { // found, but past the limit: the same answer however the bytes came
                throw new LineTooLongException(maxLineLength);
            }
            if (i >= 0) {
                byte[] line = Arrays.copyOfRange(buf, start, i + 1);
                start = i + 1;
                return line;
            }
            checked = end - start;
            if (checked >= maxLineLength) {
                throw new LineTooLongException(maxLineLength);
            }
            int n;
            if (checked == 0 && channel instanceof Socket s) {
                // Nothing buffered: the next line may well arrive whole in one read. Then it is copied
                // out of the kernel's scratch array once, and only what follows it is buffered.
                byte[] scratch = s.scratch();
                releaseLargeBuffer();
                n = channel.recvInto(scratch, 0, scratch.length);
                int at = Newline.indexIn(scratch, 0, n);
                if (at >= 0 && at < maxLineLength) {
                    append(scratch, at + 1, n - at - 1);
                    return Arrays.copyOfRange(scratch, 0, at + 1);
                }
                append(scratch, 0, n);
            } else {
                n = fill();
            }
            if (n == 0) {
                byte[] rest = Arrays.copyOfRange(buf, start, end);
                start = end;
                return rest;
            }
        }
    }

    /** Reads one more chunk into the buffer; returns the count, 0 at end of stream. */
    private int fill() throws IOException {
        if (start > 0 && start == end) {
            start = end = 0;
        }
        if (channel instanceof Socket s) {
            byte[] scratch = s.scratch();
            releaseLargeBuffer();
            int n = channel.recvInto(scratch, 0, scratch.length);
            append(scratch, 0, n);
            return n;
        }
        if (buf.length - end < 8192) {
            int live = end - start;
            byte[] bigger = new byte[Math.max(16384, Math.min(2 * (live + 8192), live + CHUNK))];
            System.arraycopy(buf, start, bigger, 0, live);
            buf = bigger;
            start = 0;
            end = live;
        }
        int n = channel.recvInto(buf, end, buf.length - end);
        end += n;
        return n;
    }

    /** Lets go of an empty buffer larger than RETAIN, before a wait: an idle stream holds little. */
    private void releaseLargeBuffer() {
        if (start == end && buf.length > RETAIN) {
            buf = EMPTY;
            start = end = 0;
        }
    }

    /** Appends {@code from[off, off+n)} to the buffered bytes, compacting or growing the buffer to fit. */
    private void append(byte[] from, int off, int n) {
        int live = end - start;
        if (buf.length - end < n) {
            byte[] to = buf.length - live >= n ? buf : new byte[Math.max(SMALL, Math.max(2 * buf.length, live + n))];
            System.arraycopy(buf, start, to, 0, live);
            buf = to;
            start = 0;
            end = live;
        }
        System.arraycopy(from, off, buf, end, n);
        end += n;
    }

    /**
     * Reads every line to end of stream. A cancellation carries {@link PartialIo.Lines}.
     *
     * @return the lines, each with its newline (the last may lack one)
     * @throws IOException if the I/O fails
     */
    public List<byte[]> readLines() throws IOException {
        async("readLines()");
        List<byte[]> lines = new ArrayList<>();
        try {
            for (byte[] line = readLine(); line.length > 0; line = readLine()) {
                lines.add(line);
            }
        } catch (CancelledError e) {
            throw e.attach(new PartialIo.Lines(lines));
        }
        return lines;
    }

    /**
     * Reads everything to end of stream. A cancellation carries {@link PartialIo.Read}.
     *
     * @return every byte up to the end of stream, possibly none
     * @throws IOException if the I/O fails
     */
    public byte[] readAll() throws IOException {
        async("readAll()");
        byte[] all = Arrays.copyOfRange(buf, start, Math.max(end, start + 8192)); // in-memory, never blocks
        int len = end - start;
        start = end;
        int chunk = 8192;
        try {
            while (true) {
                if (all.length - len < chunk) {
                    all = Arrays.copyOf(all, Math.max(all.length * 2, len + chunk));
                }
                int n = channel.recvInto(all, len, chunk);
                if (n == 0) {
                    return Arrays.copyOf(all, len);
                }
                len += n;
                if (n == chunk && chunk < (1 << 20)) {
                    chunk *= 2; // a full chunk: the peer is fast, read bigger
                }
            }
        } catch (CancelledError e) {
            throw e.attach(new PartialIo.Read(Arrays.copyOf(all, len)));
        }
    }

    /**
     * Writes all of {@code data}; returns its length. A cancellation carries
     * {@link PartialIo.Written}.
     *
     * @param data the bytes
     * @return {@code data.length}, all of it written
     * @throws IOException if the I/O fails
     */
    public int write(byte[] data) throws IOException {
        return write(data, 0, data.length);
    }

    /**
     * Writes all of {@code data[off, off+len)}; returns {@code len}. The array is not copied: it may be
     * reused as soon as this returns. A cancellation carries {@link PartialIo.Written}.
     *
     * @param data the bytes
     * @param off where they start in {@code data}
     * @param len how many bytes to write from {@code off}
     * @return {@code len}
     * @throws IndexOutOfBoundsException if the range is not within {@code data}
     * @throws IOException if the I/O fails
     */
    public int write(byte[] data, int off, int len) throws IOException {
        async("write()");
        Objects.checkFromIndexSize(off, len, data.length);
        try {
            channel.sendAll(data, off, len);
        } catch (CancelledError e) {
            throw e.attach(new PartialIo.Written(sentBefore(e)));
        }
        return len;
    }

    /** What the channel's cancelled send had sent, as it attached it (0 if it had not begun). */
    private static long sentBefore(CancelledError e) {
        return e.detail(PartialIo.Sent.class).map(PartialIo.Sent::bytes).orElse(0L);
    }

    /**
     * Writes each line in turn. A cancellation carries the total written as {@link PartialIo.Written}.
     *
     * @param lines the lines
     * @throws IOException if the I/O fails
     */
    public void writeLines(Iterable<byte[]> lines) throws IOException {
        async("writeLines()");
        long total = 0;
        for (byte[] line : lines) {
            try {
                channel.sendAll(line, 0, line.length);
            } catch (CancelledError e) {
                throw e.attach(new PartialIo.Written(total + sentBefore(e)));
            }
            total += line.length;
        }
    }

    /**
     * Flushes: nothing is buffered on the write side, so this returns at once.
     *
     * @throws IOException if the I/O fails
     */
    public void flush() throws IOException {
        async("flush()");
        if (closed) {
            throw new IOException("stream is closed");
        }
    }

    /**
     * Returns the lines to end of stream, read as the iteration goes (each {@code hasNext} may suspend
     * the task). I/O errors surface as {@link UncheckedIOException}.
     *
     * @return the lines, each with its newline, read lazily to end of stream
     */
    public Iterable<byte[]> lines() {
        return () -> new Iterator<>() {
            private byte[] next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    try {
                        next = readLine();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return next.length > 0;
            }

            @Override
            public byte[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("end of stream");
                }
                byte[] line = next;
                next = null;
                return line;
            }
        };
    }

    /**
     * Returns how many bytes are buffered and not yet read.
     *
     * @return how many bytes are buffered and not yet read
     */
    public int buffered() {
        return end - start;
    }

    /** Closes the stream and its channel; idempotent. */
    @Override
    public void close() throws IOException {
        async("close()"); // a refused close changes nothing: the stream stays open for a task to close
        if (!closed) {
            try {
                channel.close();
            } finally {
                closed = true;
            }
        }
    }

    /**
     * Refuses a call from a plain thread or from a task of another kernel every time, even when the bytes it
     * needs are already buffered and it would not have to wait: misuse is reported, never silently allowed
     * some of the time.
     */
    private void async(String call) {
        if (!channel.usableHere()) { // the name is built only for the error: every stream call passes here
            channel.requireUsable(getClass().getSimpleName() + "." + call);
        }
    }
}
