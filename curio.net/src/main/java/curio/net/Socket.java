package curio.net;

import curio.api.CancelledError;
import curio.api.spi.SocketHandle;
import curio.api.spi.SocketKind;
import curio.api.trap.BlockingTrap;
import curio.api.trap.Traps;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A socket for curio tasks (Curio's {@code curio.io.Socket}): the calls look blocking, and suspend the
 * task instead. TCP over IPv4 or IPv6, UDP, and Unix-domain stream sockets, on any selector backend.
 * <pre>{@code
 * try (Socket s = Socket.tcp()) {
 *     s.connect(new InetSocketAddress("localhost", 25000));
 *     s.sendAll("hello".getBytes());
 *     byte[] reply = s.recv(1024);
 * }
 * }</pre>
 * One task may wait to read and one to write at a time; a second waiter in the same direction gets
 * {@link curio.api.ResourceBusy}. A cancelled or timed-out operation leaves the socket usable and loses
 * no data. Every method must be called from a task of the kernel that opened the socket; from a plain
 * thread it throws {@code IllegalStateException}.
 */
public final class Socket implements AutoCloseable, ByteChannelLike {

    private final SocketHandle handle;
    // The socket's two waits, each made at its first use and kept: a new one per wait would be an
    // object each time a read or write waits (kernel thread only).
    private BlockingTrap.ReadWait readable;
    private BlockingTrap.WriteWait writable;
    private boolean closed;     // kernel thread only
    private TlsConnection tls;  // kernel thread only; non-null once TLS is layered on this socket
    private boolean drained;    // kernel thread only; the last read came back short (see recvRaw)
    private byte[] scratch;     // the kernel's scratch array (see scratch()), once looked up

    /** The most one {@link #recv(int)} reads at once: its share of the kernel's scratch buffer. */
    private static final int SCRATCH_BYTES = 64 * 1024;
    private static final Object SCRATCH = new Object();
    private static final java.util.function.Supplier<byte[]> SCRATCH_BUFFER = () -> new byte[SCRATCH_BYTES];

    Socket(SocketHandle handle) {
        this.handle = handle;
    }

    private BlockingTrap.ReadWait readable() {
        BlockingTrap.ReadWait w = readable;
        return w != null ? w : (readable = new BlockingTrap.ReadWait(handle));
    }

    private BlockingTrap.WriteWait writable() {
        BlockingTrap.WriteWait w = writable;
        return w != null ? w : (writable = new BlockingTrap.WriteWait(handle));
    }

    private static Socket open(String call, SocketKind kind) {
        try {
            return new Socket(Traps.selector(call).openSocket(kind));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot open a " + kind + " socket", e);
        }
    }

    /**
     * Opens a TCP socket over IPv4. Must be called from a task.
     *
     * @return a new TCP socket over IPv4, open and unbound, usable by the tasks of the calling task's kernel
     */
    public static Socket tcp() {
        return open("Socket.tcp()", SocketKind.TCP_V4);
    }

    /**
     * Opens a TCP socket over IPv6. Must be called from a task.
     *
     * @return a new TCP socket over IPv6, open and unbound, usable by the tasks of the calling task's kernel
     */
    public static Socket tcp6() {
        return open("Socket.tcp6()", SocketKind.TCP_V6);
    }

    /**
     * Opens a UDP socket over IPv4. Must be called from a task.
     *
     * @return a new UDP socket over IPv4, open and unbound, usable by the tasks of the calling task's kernel
     */
    public static Socket udp() {
        return open("Socket.udp()", SocketKind.UDP_V4);
    }

    /**
     * Opens a UDP socket over IPv6. Must be called from a task.
     *
     * @return a new UDP socket over IPv6, open and unbound, usable by the tasks of the calling task's kernel
     */
    public static Socket udp6() {
        return open("Socket.udp6()", SocketKind.UDP_V6);
    }

    /**
     * Opens a Unix-domain stream socket. Must be called from a task.
     *
     * @return a new Unix-domain stream socket, open and unbound, usable by the tasks of the calling task's kernel
     */
    public static Socket unix() {
        return open("Socket.unix()", SocketKind.UNIX_STREAM);
    }

    /**
     * Returns two connected TCP sockets on the loopback interface (Curio's {@code socketpair}): what
     * is written to one is read from the other. The listener used to make them is closed before this
     * returns. Must be called from a task.
     * <pre>{@code
     * Socket[] pair = Socket.pair();
     * try (Socket a = pair[0]; Socket b = pair[1]) {
     *     a.sendAll("ping".getBytes());
     *     byte[] got = b.recv(4);
     * }
     * }</pre>
     *
     * @return the two ends, each readable by the other
     * @throws IOException if the loopback interface cannot be used
     */
    public static Socket[] pair() throws IOException {
        Socket client = null;
        try (Socket listener = open("Socket.pair()", SocketKind.TCP_V4)) {
            listener.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0));
            listener.listen(1);
            client = tcp();
            client.connect(listener.localAddress());
            return new Socket[] {client, listener.accept()};
        } catch (IOException | RuntimeException | Error e) {
            if (client != null) {
                client.close(); // nothing opened on a failing path stays open
            }
            throw e;
        }
    }

    /**
     * Returns blocking views of this socket for code that can only block (Curio's {@code sock.blocking()}):
     * only in a thread started with {@code Curio.spawnThread}; see {@link BlockingSocket}.
     *
     * @return the blocking views, to close when the block ends
     * @throws IllegalStateException if called from a task or a plain thread
     */
    public BlockingSocket blocking() {
        return new BlockingSocket(this);
    }

    /**
     * Returns the backend handle, for code that needs what this class does not offer.
     *
     * @return the backend handle, for code that needs what this class does not offer
     */
    public SocketHandle raw() {
        return handle;
    }

    /**
     * Returns the kind of socket.
     *
     * @return the kind of socket
     */
    public SocketKind kind() {
        return handle.kind();
    }

    /** {@link #open()} for the calls a plain thread may make too (options, binding, addresses); never a task of another kernel. */
    private SocketHandle open(String call) throws SocketException {
        Traps.refuseOtherKernel(call, handle);
        return open();
    }

    private SocketHandle open() throws SocketException {
        if (closed) {
            throw new SocketException("Socket is closed: " + handle.kind().name().toLowerCase(java.util.Locale.ROOT));
        }
        return handle;
    }

    /**
     * Sets a socket option (before or after connect/listen).
     *
     * @param <V> the type
     * @param option the option
     * @param value the value
     * @throws IOException if the I/O fails
     */
    public <V> void setOption(SocketOption<V> option, V value) throws IOException {
        open("Socket.setOption()").setOption(option, value);
    }

    /**
     * Reads a socket option.
     *
     * @param <V> the type
     * @param option the option
     * @return the option's value
     * @throws IOException if the I/O fails
     */
    public <V> V getOption(SocketOption<V> option) throws IOException {
        return open("Socket.getOption()").getOption(option);
    }

    /**
     * Binds to a local address ({@code UnixDomainSocketAddress} for Unix sockets).
     *
     * @param address the address
     * @throws IOException if the I/O fails
     */
    public void bind(SocketAddress address) throws IOException {
        open("Socket.bind()").bind(Objects.requireNonNull(address, "bind(): address must not be null"));
    }

    /**
     * Starts listening.
     *
     * @param backlog how many pending connections the OS queues
     * @throws IllegalArgumentException if {@code backlog} is negative
     * @throws IOException if the I/O fails
     */
    public void listen(int backlog) throws IOException {
        if (backlog < 0) {
            throw new IllegalArgumentException("listen(): backlog must not be negative, got " + backlog);
        }
        open("Socket.listen()").listen(backlog);
    }

    /**
     * Waits for a connection and returns its socket. A cancellation point.
     *
     * @return the socket
     * @throws IOException if the I/O fails
     */
    public Socket accept() throws IOException {
        Traps.requireOwner("Socket.accept()", handle);
        SocketHandle h = open();
        while (true) {
            SocketHandle client = h.accept();
            if (client != null) {
                return new Socket(client);
            }
            Traps.readWait(readable());
        }
    }

    /**
     * Connects; waits for a TCP handshake to complete. A cancellation point.
     *
     * @param address the address
     * @throws java.net.ConnectException if the peer refuses
     */
    public void connect(SocketAddress address) throws IOException {
        Traps.requireOwner("Socket.connect()", handle);
        SocketHandle h = open();
        Objects.requireNonNull(address, "connect(): address must not be null");
        if (h.connect(address)) {
            return;
        }
        while (true) {
            Traps.writeWait(writable());
            if (h.finishConnect()) {
                return;
            }
        }
    }

    /**
     * Receives up to {@code maxBytes}; waits for at least one. Returns an empty array at end of stream.
     *
     * @param maxBytes the most bytes to return
     * @return the bytes read
     * @throws IOException if the I/O fails
     */
    public byte[] recv(int maxBytes) throws IOException {
        Traps.requireOwner("Socket.recv()", handle);
        if (maxBytes < 0) {
            throw new IllegalArgumentException("Socket.recv(): maxBytes must not be negative, got " + maxBytes + " (" + this + ")");
        }
        // Bytes arrive in the kernel's scratch buffer and only the count received is copied out: a large
        // maxBytes costs nothing, and a task parked in recv holds no buffer. Safe to share because no task
        // switch happens between the read into it and the copy out of it.
        byte[] scratch = scratch();
        int n = receive(scratch, 0, Math.min(maxBytes, scratch.length));
        return java.util.Arrays.copyOf(scratch, Math.max(n, 0));
    }

    /**
     * The kernel's scratch array, which {@link #recvInto} may fill: a socket writes into the caller's
     * array only after its last wait (a plain read waits, then reads; a TLS read gathers and unwraps
     * records into its own buffers, then copies out), so bytes read into it can be copied out before any
     * other task runs.
     */
    byte[] scratch() {
        byte[] b = scratch;
        return b != null ? b : (scratch = Traps.local(SCRATCH, SCRATCH_BUFFER)); // the lookup was 8% of a busy loop
    }

    /**
     * Receives into {@code b[off, off+len)}; waits for at least one byte. Returns the count, 0 at end of
     * stream. On a TLS socket the bytes are the decrypted ones.
     */
    @Override
    public int recvInto(byte[] b, int off, int len) throws IOException {
        Traps.requireOwner("Socket.recvInto()", handle);
        Objects.checkFromIndexSize(off, len, b.length);
        return receive(b, off, len);
    }

    /** recvInto once the caller is known to be a task and the range to be valid (recv checked both). */
    private int receive(byte[] b, int off, int len) throws IOException {
        open();
        return tls != null ? tls.recvInto(b, off, len) : recvRaw(b, off, len);
    }

    /**
     * Receives bytes as they are on the wire.
     * <p>A read that filled less than it asked for almost surely emptied the socket, so the next one
     * waits for readiness before reading instead of paying for a system call that would only say
     * "would block". Both selectors are level-triggered, so bytes that did arrive meanwhile make the
     * wait return at the next poll: nothing is lost, only a failed read is saved.
     */
    int recvRaw(byte[] b, int off, int len) throws IOException {
        SocketHandle h = open();
        if (drained && len != 0) {
            drained = false;
            Traps.readWait(readable());
        }
        while (true) {
            int n = h.read(b, off, len);
            if (n == SocketHandle.EOF) {
                return 0;
            }
            if (n != SocketHandle.WOULD_BLOCK) {
                drained = n < len;
                return n;
            }
            Traps.readWait(readable());
        }
    }

    /**
     * Receives into the buffer's remaining space; advances its position. Returns the count, 0 at end of stream.
     *
     * @param b the buffer to fill, from its position up to its limit
     * @return the bytes received, or 0 at end of stream
     * @throws IOException if the I/O fails
     */
    public int recvInto(ByteBuffer b) throws IOException {
        int n;
        if (b.hasArray()) {
            n = recvInto(b.array(), b.arrayOffset() + b.position(), b.remaining());
        } else {
            byte[] tmp = new byte[b.remaining()];
            n = recvInto(tmp, 0, tmp.length);
            b.put(tmp, 0, n);
            return n;
        }
        b.position(b.position() + n);
        return n;
    }

    /**
     * Sends some of {@code data}; waits until at least one byte can go. Returns the count sent. On a TLS
     * socket everything is sent.
     *
     * @param data the bytes
     * @return the bytes sent, at least 1
     * @throws IOException if the I/O fails
     */
    public int send(byte[] data) throws IOException {
        Traps.requireOwner("Socket.send()", handle);
        if (tls != null) {
            open();
            tls.sendAll(data, 0, data.length);
            return data.length;
        }
        return send(data, 0, data.length);
    }

    private int send(byte[] data, int off, int len) throws IOException {
        SocketHandle h = open();
        if (len == 0) {
            return 0;
        }
        while (true) {
            int n = h.write(data, off, len);
            if (n != SocketHandle.WOULD_BLOCK) {
                return n;
            }
            Traps.writeWait(writable());
        }
    }

    /**
     * Sends all of {@code data}. If cancelled meanwhile, the cancellation carries
     * {@link PartialIo.Sent}.
     *
     * @param data the bytes
     * @throws IOException if the I/O fails
     */
    public void sendAll(byte[] data) throws IOException {
        sendAll(data, 0, data.length);
    }

    @Override
    public void sendAll(byte[] data, int off, int len) throws IOException {
        Traps.requireOwner("Socket.sendAll()", handle);
        Objects.checkFromIndexSize(off, len, data.length);
        open();
        if (tls != null) {
            tls.sendAll(data, off, len);
        } else {
            sendAllRaw(data, off, len);
        }
    }

    /** Sends bytes as they are, onto the wire. */
    void sendAllRaw(byte[] data, int off, int len) throws IOException {
        int sent = 0;
        try {
            while (sent < len) {
                sent += send(data, off + sent, len - sent);
            }
        } catch (CancelledError e) {
            throw e.attach(new PartialIo.Sent(sent));
        }
    }

    /**
     * Sends the buffer's remaining bytes; advances its position.
     *
     * @param b the bytes to send, from its position to its limit
     * @throws IOException if the I/O fails
     */
    public void sendAll(ByteBuffer b) throws IOException {
        Traps.requireOwner("Socket.sendAll()", handle);
        if (b.hasArray()) {
            int start = b.position();
            try {
                sendAll(b.array(), b.arrayOffset() + start, b.remaining());
                b.position(b.limit());
            } catch (CancelledError e) {
                b.position(start + Math.toIntExact(e.detail(PartialIo.Sent.class).map(PartialIo.Sent::bytes).orElse(0L)));
                throw e;
            }
        } else {
            byte[] tmp = new byte[b.remaining()];
            b.get(tmp);
            sendAll(tmp);
        }
    }

    /**
     * Receives one datagram of at most {@code maxBytes}. A cancellation point.
     *
     * @param maxBytes the most bytes to return
     * @return the datagram: its bytes and its sender
     * @throws IOException if the I/O fails
     */
    public Datagram recvFrom(int maxBytes) throws IOException {
        Traps.requireOwner("Socket.recvFrom()", handle);
        if (maxBytes < 0) {
            throw new IllegalArgumentException("Socket.recvFrom(): maxBytes must not be negative, got " + maxBytes + " (" + this + ")");
        }
        return Datagram.receive(open(), maxBytes, readable());
    }

    /**
     * Sends one datagram to {@code address}; returns the count sent.
     *
     * @param data the bytes
     * @param address the address
     * @return the bytes sent: the whole datagram
     * @throws IOException if the I/O fails
     */
    public int sendTo(byte[] data, SocketAddress address) throws IOException {
        Traps.requireOwner("Socket.sendTo()", handle);
        return Datagram.send(open(), data, address, writable());
    }

    /** Half-closes: the peer reads end of stream (after TLS close_notify on a TLS socket); this side can still receive. */
    @Override
    public void shutdownOutput() throws IOException {
        open("Socket.shutdownOutput()");
        if (tls != null) {
            tls.shutdownOutput();
        }
        handle.shutdownOutput();
    }

    /**
     * Layers TLS on this connected socket and performs the handshake (STARTTLS); from then on every
     * read and write goes through TLS. A cancellation point.
     *
     * @param options client or server options
     * @param host the peer's host name, for SNI and host name verification (clients); may be null
     * @return the TLS connection over this socket
     * @throws IOException if the I/O fails
     */
    public TlsConnection startTls(TlsOptions options, String host) throws IOException {
        Objects.requireNonNull(options, "startTls(): options must not be null");
        Traps.requireOwner("Socket.startTls()", handle);
        open();
        if (tls != null) {
            throw new IllegalStateException("startTls(): TLS is already on " + this);
        }
        int port = remoteAddress() instanceof java.net.InetSocketAddress a ? a.getPort() : 0;
        tls = new TlsConnection(this, options.engine(host, port));
        tls.handshake();
        return tls;
    }

    /**
     * Returns the TLS layer, or null for a plain socket.
     *
     * @return the TLS layer, or null for a plain socket
     */
    public TlsConnection tls() {
        return tls;
    }

    /**
     * Returns the local address.
     *
     * @return the local address
     * @throws IOException if the I/O fails
     */
    public SocketAddress localAddress() throws IOException {
        return open("Socket.localAddress()").localAddress();
    }

    /**
     * Returns the peer's address, or null.
     *
     * @return the peer's address, or null
     * @throws IOException if the I/O fails
     */
    public SocketAddress remoteAddress() throws IOException {
        return open("Socket.remoteAddress()").remoteAddress();
    }

    /**
     * Returns a byte stream over this socket; closing either closes both.
     *
     * @return a byte stream over this socket; closing either closes both
     */
    public SocketStream asStream() {
        return new SocketStream(this);
    }

    /**
     * Returns true once closed.
     *
     * @return true once closed
     */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Closes the socket (sending TLS close_notify first on a TLS socket), failing any task waiting on
     * it; idempotent. Must be called from a task.
     */
    @Override
    public void close() throws IOException {
        Traps.requireOwner("Socket.close()", handle); // before anything changes: a refused close leaves it open
        if (closed) {
            return;
        }
        if (tls != null) {
            TlsConnection layer = tls;
            tls = null;
            layer.close(); // sends close_notify, then closes this socket again, now plainly
            return;
        }
        closed = true;
        Traps.ioRelease(handle);
        handle.close();
    }

    @Override public boolean usableHere() { return Traps.owns(handle); }
    @Override public void requireUsable(String call) { Traps.requireOwner(call, handle); }
    @Override public String toString() { return "Socket[" + handle + "]"; }
}
