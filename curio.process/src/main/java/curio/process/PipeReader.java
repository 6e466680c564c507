package curio.process;

import curio.sync.UniversalQueue;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * The reading end of a child's pipe as an async channel. A process pipe cannot be polled by a
 * selector, so a pump thread reads it (blocking, in the sync world) into a bounded
 * {@link UniversalQueue}, which tasks read without blocking a thread. The bound is back-pressure: a
 * child writing faster than the task reads fills the pipe and waits.
 */
final class PipeReader implements ReadingEnd {

    private static final byte[] END = new byte[0];
    private static final int CHUNKS = 16;
    private static final int CHUNK = 65536;

    private final InputStream in;
    private final UniversalQueue<Object> chunks = new UniversalQueue<>(CHUNKS);
    private final Thread pump;
    private byte[] current = END; // kernel side: the chunk being handed out
    private int pos;
    private boolean ended;
    private volatile boolean closed;

    PipeReader(InputStream in, String name) {
        this.in = in;
        this.pump = Thread.ofPlatform().daemon(true).name(name).start(this::pump);
    }

    private void pump() {
        try {
            // Each chunk is a new array, handed over whole: a full one (the usual case when a child writes
            // fast) goes to the task without a copy, and recv() may give it to the caller as it is.
            byte[] buf = new byte[CHUNK];
            for (int n = in.read(buf); n > 0; n = in.read(buf)) {
                chunks.put(n == buf.length ? buf : Arrays.copyOf(buf, n));
                buf = new byte[CHUNK];
            }
            chunks.put(END);
        } catch (IOException e) {
            chunks.put(closed ? END : e);
        }
    }

    @Override
    public int recvInto(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!nextChunk()) {
            return 0;
        }
        int n = Math.min(len, current.length - pos);
        System.arraycopy(current, pos, b, off, n);
        pos += n;
        return n;
    }

    /** Hands over a whole chunk as it is when the caller takes all of it: no copy. */
    @Override
    public byte[] recv(int maxBytes) throws IOException {
        if (maxBytes > 0 && nextChunk() && pos == 0 && current.length <= maxBytes) {
            byte[] whole = current;
            pos = whole.length; // the pump never touches a chunk again once it is queued
            return whole;
        }
        return ReadingEnd.super.recv(maxBytes);
    }

    /** Makes sure unread bytes are at hand, waiting for the next chunk if needed; false at the end. */
    private boolean nextChunk() throws IOException {
        while (pos == current.length) {
            if (ended) {
                return false;
            }
            Object next = chunks.get();
            if (next instanceof IOException e) {
                ended = true;
                throw new IOException("reading the child's pipe failed: " + e.getMessage(), e);
            }
            current = (byte[]) next;
            pos = 0;
            ended = current == END;
        }
        return true;
    }

    /** Closes the pipe and lets the pump thread end, even if it waits for room in the queue. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        in.close();
        while (pump.isAlive()) { // free room for a pump stuck in put(); it then sees the closed pipe
            CompletableFuture<Object> f = chunks.getAsync();
            if (!f.isDone()) {
                f.cancel(false);
                break;
            }
        }
    }

    boolean pumpAlive() {
        return pump.isAlive();
    }
}
