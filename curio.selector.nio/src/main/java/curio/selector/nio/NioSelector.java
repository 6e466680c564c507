package curio.selector.nio;

import curio.api.spi.IoHandle;
import curio.api.spi.ReadinessSelector;
import curio.api.spi.ReadyHandler;
import curio.api.spi.SocketHandle;
import curio.api.spi.SocketKind;
import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;

/**
 * A kernel's {@link Selector}: interest is kept in each channel's {@link SelectionKey}, created at the
 * first interest; readiness is translated to curio's READ/WRITE bits.
 */
final class NioSelector implements ReadinessSelector {

    private final Selector selector;
    private ReadyHandler handler; // kernel thread only; set during select()
    private int reported;         // kernel thread only

    // Every socket this selector opened and nobody closed yet: closing the selector closes them, so a
    // kernel's close() leaves no descriptor behind whatever its tasks forgot (as on every backend).
    private final java.util.Set<NioSocket> open = new java.util.LinkedHashSet<>(); // kernel thread only

    // Bytes on their way between a Java array and a channel (kernel thread only; no task switch happens
    // between a call and its copy). A heap ByteBuffer would be an object per call, and the JDK copies it
    // into a direct buffer of its own anyway: this is that copy, without the wrapper or the JDK's
    // per-thread buffer cache, which on the virtual carrier is a different thread's at every switch.
    static final int STAGING_BYTES = 64 * 1024;
    final java.nio.ByteBuffer staging = java.nio.ByteBuffer.allocateDirect(STAGING_BYTES);

    NioSelector() throws IOException {
        this.selector = Selector.open();
    }

    @Override
    public String name() {
        return "nio";
    }

    @Override
    public SocketHandle openSocket(SocketKind kind) throws IOException {
        return new NioSocket(this, kind);
    }

    Selector selector() {
        return selector;
    }

    void opened(NioSocket s) {
        open.add(s);
    }

    void forget(NioSocket s) {
        open.remove(s);
    }

    @Override
    public boolean owns(IoHandle handle) {
        return handle instanceof NioSocket s && s.owner() == this;
    }

    @Override
    public void interest(IoHandle handle, int ops) throws IOException {
        ((NioSocket) handle).register(ops);
    }

    @Override
    public int select(long timeoutNanos, ReadyHandler ready) throws IOException {
        handler = ready;
        reported = 0;
        try {
            if (timeoutNanos == 0) {
                selector.selectNow(this::dispatch);
            } else if (timeoutNanos < 0) {
                selector.select(this::dispatch);
            } else {
                // Selector counts milliseconds and treats 0 as forever: round up to at least 1 ms
                selector.select(this::dispatch, Math.max(1, (timeoutNanos + 999_999) / 1_000_000));
            }
        } finally {
            handler = null;
        }
        return reported;
    }

    private void dispatch(SelectionKey key) {
        if (!key.isValid()) {
            return;
        }
        NioSocket socket = (NioSocket) key.attachment();
        int nio = key.readyOps();
        int ops = 0;
        if ((nio & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT)) != 0) {
            ops |= READ;
        }
        if ((nio & (SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT)) != 0) {
            ops |= WRITE;
        }
        if (ops != 0) {
            reported++;
            handler.ready(socket, ops);
        }
    }

    @Override
    public void wakeup() {
        selector.wakeup();
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (NioSocket s : new java.util.ArrayList<>(open)) {
            try {
                s.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        selector.close();
        if (first != null) {
            throw first;
        }
    }
}
