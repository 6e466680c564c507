package curio.selector.nio;

import curio.api.spi.Received;
import curio.api.spi.ReadinessSelector;
import curio.api.spi.SocketHandle;
import curio.api.spi.SocketKind;
import java.io.IOException;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A curio socket over an NIO channel.
 * <p>NIO has separate channel types for listeners and connections, while a curio (BSD) socket decides
 * at {@code listen} or {@code connect}. So a stream socket keeps its bind address and options until
 * then and opens the matching channel at that point. Received sockets open at once.
 */
final class NioSocket extends SocketHandle {

    private final NioSelector owner;
    private final SocketKind kind;
    private SelectableChannel channel;      // null for a stream socket before listen/connect
    private SocketAddress bindTo;           // stream sockets before listen/connect
    private final Map<SocketOption<?>, Object> pendingOptions = new LinkedHashMap<>();
    private SelectionKey key;               // created at the first interest
    private boolean connecting;
    private boolean closed;

    NioSocket(NioSelector owner, SocketKind kind) throws IOException {
        this.owner = owner;
        this.kind = kind;
        if (!kind.stream()) {
            DatagramChannel dc = DatagramChannel.open(family(kind));
            dc.configureBlocking(false);
            channel = dc;
        }
        owner.opened(this);
    }

    private NioSocket(NioSelector owner, SocketKind kind, SocketChannel accepted) throws IOException {
        this.owner = owner;
        this.kind = kind;
        this.channel = accepted;
        owner.opened(this); // before anything can fail: the selector's close() closes it then
        accepted.configureBlocking(false);
    }

    NioSelector owner() {
        return owner;
    }

    private static ProtocolFamily family(SocketKind kind) {
        return switch (kind) {
            case TCP_V4, UDP_V4 -> StandardProtocolFamily.INET;
            case TCP_V6, UDP_V6 -> StandardProtocolFamily.INET6;
            case UNIX_STREAM -> StandardProtocolFamily.UNIX;
        };
    }

    @Override
    public SocketKind kind() {
        return kind;
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new ClosedChannelException();
        }
    }

    private <C> C require(Class<C> type, String call) throws IOException {
        ensureOpen();
        if (!type.isInstance(channel)) {
            throw new IllegalStateException(call + " on " + this + ": the socket is "
                    + (channel == null ? "neither listening nor connected yet" : "not a " + type.getSimpleName()));
        }
        return type.cast(channel);
    }

    private int wanted; // the kernel's interest (READ, WRITE), as it last asked; OP_CONNECT is this side's detail

    void register(int newOps) throws IOException {
        if (newOps == 0 && isClosed()) {
            return; // a closed channel has left the selector already (as on every backend)
        }
        ensureOpen();
        if (channel == null) {
            throw new IllegalStateException(this + " is neither listening nor connecting: nothing to wait for");
        }
        if (key != null && !key.isValid()) { // NIO closed the channel itself, e.g. after a failed connect
            if (newOps == 0) {
                return;
            }
            throw new ClosedChannelException();
        }
        int nio = 0;
        if ((newOps & ReadinessSelector.READ) != 0) {
            nio |= channel instanceof ServerSocketChannel ? SelectionKey.OP_ACCEPT : SelectionKey.OP_READ;
        }
        if ((newOps & ReadinessSelector.WRITE) != 0) {
            nio |= connecting ? SelectionKey.OP_CONNECT : SelectionKey.OP_WRITE;
        }
        if (key == null) {
            if (nio != 0) {
                key = channel.register(owner.selector(), nio, this);
            }
        } else {
            key.interestOps(nio);
        }
        wanted = newOps;
    }

    @Override
    public void bind(SocketAddress local) throws IOException {
        ensureOpen();
        if (channel == null) {
            bindTo = local;
        } else {
            ((NetworkChannel) channel).bind(local);
        }
    }

    @Override
    public void listen(int backlog) throws IOException {
        ensureOpen();
        if (!kind.stream() || channel != null) {
            throw new IllegalStateException("listen() on " + this + ": only an unconnected stream socket can listen");
        }
        ServerSocketChannel ssc = ServerSocketChannel.open(family(kind));
        try {
            applyOptions(ssc);
            ssc.bind(bindTo, backlog);
            ssc.configureBlocking(false);
        } catch (IOException | RuntimeException e) {
            ssc.close();
            throw e;
        }
        channel = ssc;
    }

    @Override
    public SocketHandle accept() throws IOException {
        SocketChannel sc = require(ServerSocketChannel.class, "accept()").accept();
        return sc == null ? null : new NioSocket(owner, kind, sc);
    }

    @Override
    public boolean connect(SocketAddress remote) throws IOException {
        ensureOpen();
        if (channel instanceof DatagramChannel dc) {
            dc.connect(remote);
            return true;
        }
        if (channel != null) {
            throw new IllegalStateException("connect() on " + this + ": already listening or connected");
        }
        SocketChannel sc = SocketChannel.open(family(kind));
        try {
            applyOptions(sc);
            if (bindTo != null) {
                sc.bind(bindTo);
            }
            sc.configureBlocking(false);
            channel = sc;
            connecting = !sc.connect(remote);
        } catch (IOException | RuntimeException e) {
            channel = null;
            sc.close();
            throw e;
        }
        return !connecting;
    }

    @Override
    public boolean finishConnect() throws IOException {
        SocketChannel sc = require(SocketChannel.class, "finishConnect()");
        boolean connected;
        try {
            connected = sc.finishConnect();
        } catch (java.net.SocketException e) {
            // A listener closed just before the connect completes resets it on some kernels; epoll reports
            // ECONNREFUSED for the same race. One exception type for one event, on every backend.
            if (e instanceof java.net.ConnectException || e.getMessage() == null || !e.getMessage().contains("reset")) {
                throw e;
            }
            java.net.ConnectException refused = new java.net.ConnectException("Connection refused (reset while connecting) to " + this);
            refused.initCause(e);
            throw refused;
        }
        if (!connected) {
            return false;
        }
        if (connecting) {
            connecting = false;
            if (key != null) {
                register(wanted); // OP_CONNECT becomes OP_WRITE
            }
        }
        return true;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        SocketChannel sc = require(SocketChannel.class, "read()");
        java.util.Objects.checkFromIndexSize(off, len, b.length); // before the read: no byte may be lost
        if (len == 0) {
            return 0;
        }
        if (len > NioSelector.STAGING_BYTES) {
            int n = sc.read(ByteBuffer.wrap(b, off, len));
            return n == 0 ? WOULD_BLOCK : n;
        }
        ByteBuffer staging = owner.staging.clear().limit(len);
        int n = sc.read(staging);
        if (n > 0) {
            staging.get(0, b, off, n);
        }
        return n == 0 ? WOULD_BLOCK : n;
    }

    /** b[off, off+len) as a buffer to write: the selector's staging buffer holding a copy, or a wrapper when large. */
    private ByteBuffer outgoing(byte[] b, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len > NioSelector.STAGING_BYTES) {
            return ByteBuffer.wrap(b, off, len);
        }
        return owner.staging.clear().put(0, b, off, len).limit(len);
    }

    @Override
    public int write(byte[] b, int off, int len) throws IOException {
        ensureOpen();
        if (len == 0) {
            return 0;
        }
        int n;
        if (channel instanceof SocketChannel sc) {
            n = sc.write(outgoing(b, off, len));
        } else {
            n = require(DatagramChannel.class, "write()").write(outgoing(b, off, len));
        }
        return n == 0 ? WOULD_BLOCK : n;
    }

    @Override
    public Received receive(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        boolean staged = len <= NioSelector.STAGING_BYTES;
        ByteBuffer buf = staged ? owner.staging.clear().limit(len) : ByteBuffer.wrap(b, off, len);
        SocketAddress from = require(DatagramChannel.class, "receive()").receive(buf);
        if (from == null) {
            return null;
        }
        int n = staged ? buf.position() : buf.position() - off;
        if (staged) {
            buf.get(0, b, off, n);
        }
        return new Received(n, from);
    }

    @Override
    public int send(byte[] b, int off, int len, SocketAddress target) throws IOException {
        DatagramChannel dc = require(DatagramChannel.class, "send()");
        int n = target == null ? dc.write(outgoing(b, off, len)) : dc.send(outgoing(b, off, len), target);
        return n == 0 && len > 0 ? WOULD_BLOCK : n;
    }

    @Override
    public void shutdownOutput() throws IOException {
        require(SocketChannel.class, "shutdownOutput()").shutdownOutput();
    }

    @Override
    public void shutdownInput() throws IOException {
        require(SocketChannel.class, "shutdownInput()").shutdownInput();
    }

    @Override
    public <V> void setOption(SocketOption<V> option, V value) throws IOException {
        ensureOpen();
        if (channel == null) {
            pendingOptions.put(option, value);
        } else {
            ((NetworkChannel) channel).setOption(option, value);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> V getOption(SocketOption<V> option) throws IOException {
        ensureOpen();
        if (channel != null) {
            return ((NetworkChannel) channel).getOption(option);
        }
        if (pendingOptions.containsKey(option)) {
            return (V) pendingOptions.get(option);
        }
        throw new IllegalStateException("option " + option.name() + " of " + this
                + " is known only after listen() or connect(), unless set before");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void applyOptions(NetworkChannel c) throws IOException {
        for (Map.Entry<SocketOption<?>, Object> e : pendingOptions.entrySet()) {
            c.setOption((SocketOption) e.getKey(), e.getValue());
        }
    }

    @Override
    public SocketAddress localAddress() throws IOException {
        ensureOpen();
        return channel == null ? bindTo : ((NetworkChannel) channel).getLocalAddress();
    }

    @Override
    public SocketAddress remoteAddress() throws IOException {
        ensureOpen();
        if (channel instanceof SocketChannel sc) {
            return sc.getRemoteAddress();
        }
        if (channel instanceof DatagramChannel dc) {
            return dc.getRemoteAddress();
        }
        return null;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        owner.forget(this);
        if (key != null) {
            key.cancel();
        }
        if (channel != null) {
            channel.close();
        }
    }

    @Override
    public String toString() {
        String where;
        try {
            where = closed ? "closed" : String.valueOf(localAddress());
        } catch (IOException e) {
            where = "?";
        }
        return "nio " + kind.name().toLowerCase(java.util.Locale.ROOT) + " socket " + where;
    }
}
