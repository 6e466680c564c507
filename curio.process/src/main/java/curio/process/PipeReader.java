package curio.process;

import curio.net.ByteChannelLike;
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
final class PipeReader implements ByteChannelLike {

    private static final byte[] END = new byte[0];
    private static final int CHUNKS = 16;

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
        byte[] buf = new byte[65536];
        try {
            for (int n = in.read(buf); n > 0; n = in.read(buf)) {
                chunks.put(Arrays.copyOf(buf, n));
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
        while (pos == current.length) {
            if (ended) {
                return 0;
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
        int n = Math.min(len, current.length - pos);
        System.arraycopy(current, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public void sendAll(byte[] b, int off, int len) throws IOException {
        throw new IOException("this pipe is for reading only");
    }

    @Override
    public void shutdownOutput() {
        // a reading end has no output
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
