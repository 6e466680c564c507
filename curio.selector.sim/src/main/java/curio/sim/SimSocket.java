package curio.sim;

import curio.api.spi.ReadinessSelector;
import curio.api.spi.Received;
import curio.api.spi.SocketHandle;
import curio.api.spi.SocketKind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A socket of the simulated network: a listener, a stream connection (TCP or Unix-domain) or a
 * datagram socket on one {@link SimHost}. It never blocks; its readiness is computed from its state
 * ({@link #readyOps()}), and every change that may alter it tells the selector ({@link SimSelector#changed}).
 * Kernel thread only, like every part of the simulation.
 */
final class SimSocket extends SocketHandle {

    enum State { OPEN, LISTENING, CONNECTING, CONNECTED, CLOSED }

    private static final int DEFAULT_BUFFER = 64 * 1024;

    final SimNetwork net;
    final SimSelector selector;
    final SimHost host;
    final int id;                       // the network's count: names the socket in the trace hash
    private final SocketKind kind;
    State state = State.OPEN;
    SocketAddress local;
    SocketAddress remote;
    private final Map<SocketOption<?>, Object> options = new HashMap<>();
    int wanted;            // the interest the kernel last gave the selector: READ, WRITE
    boolean queued;                     // in the selector's candidates

    // listener
    final ArrayDeque<SimSocket> acceptQueue = new ArrayDeque<>();
    int backlog;

    // stream connection
    SimSocket peer;
    Flow in;                            // peer -> this
    Flow out;                           // this -> peer
    boolean reset;
    boolean timedOut;                   // reset because TCP gave up retransmitting across a partition
    boolean inputShut;
    IOException connectFailure;
    boolean connectGiveUpScheduled; // a connect whose SYN-ACK was cut off: its retries run out once

    // datagrams
    private final ArrayDeque<Datagram> inbox = new ArrayDeque<>();
    private int inboxBytes;

    record Datagram(byte[] data, SocketAddress sender) {}

    SimSocket(SimNetwork net, SimSelector selector, SimHost host, SocketKind kind) {
        this.net = net;
        this.selector = selector;
        this.host = host;
        this.kind = kind;
        this.id = net.nextSocketId();
    }

    int receiveBuffer() {
        return (Integer) options.getOrDefault(StandardSocketOptions.SO_RCVBUF, DEFAULT_BUFFER);
    }

    int sendBuffer() {
        return (Integer) options.getOrDefault(StandardSocketOptions.SO_SNDBUF, DEFAULT_BUFFER);
    }

    boolean reusePort() {
        return Boolean.TRUE.equals(options.get(StandardSocketOptions.SO_REUSEPORT));
    }

    /** READ and/or WRITE as the state stands; level-triggered, like a real socket. */
    int readyOps() {
        return switch (state) {
            case OPEN -> kind.stream() ? 0 : (inbox.isEmpty() ? 0 : ReadinessSelector.READ) | ReadinessSelector.WRITE;
            case LISTENING -> acceptQueue.isEmpty() ? 0 : ReadinessSelector.READ;
            case CONNECTING -> connectFailure != null ? ReadinessSelector.WRITE : 0;
            case CONNECTED -> {
                int ops = 0;
                if (reset || inputShut || in.receivedBytes() > 0 || in.finArrived) {
                    ops |= ReadinessSelector.READ;
                }
                if (reset || out.finPending || out.unsentBytes() < out.sendCapacity) {
                    ops |= ReadinessSelector.WRITE;
                }
                yield ops;
            }
            case CLOSED -> 0;
        };
    }

    // ------------------------------------------------------------------ SocketHandle

    @Override
    public SocketKind kind() {
        return kind;
    }

    @Override
    public void bind(SocketAddress address) throws IOException {
        ensureOpen();
        if (local != null) {
            throw new SocketException("Invalid argument (EINVAL) in bind to " + address + ": " + this + " is already bound");
        }
        local = host.bind(this, address);
    }

    @Override
    public void listen(int backlog) throws IOException {
        ensureOpen();
        if (!kind.stream()) {
            throw new SocketException("Operation not supported (EOPNOTSUPP) in listen on " + this);
        }
        if (local == null) {
            local = host.bind(this, kind == SocketKind.UNIX_STREAM ? null : wildcard(0));
        }
        this.backlog = Math.max(1, backlog);
        state = State.LISTENING; // found through the port it holds
    }

    @Override
    public SocketHandle accept() throws IOException {
        ensureOpen();
        if (state != State.LISTENING) {
            throw new SocketException("Invalid argument (EINVAL) in accept on " + this + ": not listening");
        }
        SimSocket s = acceptQueue.poll();
        if (s != null) {
            net.trace.record(Trace.ACCEPT, id, s.id);
        }
        return s;
    }

    @Override
    public boolean connect(SocketAddress to) throws IOException {
        ensureOpen();
        if (!kind.stream()) {
            remote = to; // a connected datagram socket only remembers its peer
            if (local == null) {
                local = host.bind(this, wildcard(0));
            }
            return true;
        }
        if (state != State.OPEN) {
            throw new SocketException("Transport endpoint is already connected (EISCONN) in connect to " + to + " on " + this);
        }
        state = State.CONNECTING;
        remote = to;
        net.tcp.connect(this, to);
        return false;
    }

    @Override
    public boolean finishConnect() throws IOException {
        ensureOpen();
        if (state == State.CONNECTED) {
            return true;
        }
        if (connectFailure != null) {
            IOException e = connectFailure;
            connectFailure = null;
            state = State.OPEN;
            throw e;
        }
        return false;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        ensureOpen();
        if (state != State.CONNECTED) {
            throw new SocketException("Transport endpoint is not connected (ENOTCONN) in read on " + this);
        }
        if (reset) {
            throw resetError("read");
        }
        int available = in.receivedBytes();
        if (available == 0 || len == 0) {
            return len == 0 ? 0 : inputShut || in.finArrived ? EOF : WOULD_BLOCK;
        }
        int n = net.tcp.shortRead(this, Math.min(len, available));
        in.read(b, off, n);
        net.trace.record(Trace.READ, id, n);
        net.tcp.pump(in); // the window opened
        return n;
    }

    private SocketException resetError(String op) {
        return new SocketException((timedOut ? "Connection timed out (ETIMEDOUT)" : "Connection reset by peer (ECONNRESET)")
                + " in " + op + " on " + this);
    }

    @Override
    public int write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        ensureOpen();
        if (state != State.CONNECTED) {
            throw new SocketException("Transport endpoint is not connected (ENOTCONN) in write on " + this);
        }
        if (reset) {
            throw resetError("write");
        }
        if (out.finPending) {
            throw new SocketException("Broken pipe (EPIPE) in write on " + this + ": its output was shut down");
        }
        if (len == 0) {
            return 0;
        }
        int n = out.write(b, off, net.tcp.shortWrite(this, len));
        if (n == 0) {
            return WOULD_BLOCK;
        }
        net.trace.record(Trace.WRITE, id, n);
        net.tcp.pump(out);
        return n;
    }

    @Override
    public Received receive(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        ensureOpen();
        Datagram d = inbox.poll();
        if (d == null) {
            return null;
        }
        inboxBytes -= d.data().length;
        int n = Math.min(len, d.data().length); // the rest of a longer datagram is lost, as with UDP
        System.arraycopy(d.data(), 0, b, off, n);
        net.trace.record(Trace.RECEIVE, id, n);
        return new Received(n, d.sender());
    }

    @Override
    public int send(byte[] b, int off, int len, SocketAddress target) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        ensureOpen();
        if (kind.stream()) {
            throw new SocketException("Operation not supported (EOPNOTSUPP) in send on " + this + ": a stream socket");
        }
        SocketAddress to = target != null ? target : remote;
        if (to == null) {
            throw new SocketException("Destination address required (EDESTADDRREQ) in send on " + this);
        }
        if (local == null) {
            local = host.bind(this, wildcard(0));
        }
        net.udp.send(this, java.util.Arrays.copyOfRange(b, off, off + len), to);
        return len;
    }

    /** A datagram arrived: queued if the receive buffer has room, else lost, as with UDP. */
    void deliver(Datagram d) {
        if (state == State.CLOSED || inboxBytes + d.data().length > receiveBuffer()) {
            net.trace.record(Trace.DROP, id, d.data().length);
            return;
        }
        inbox.add(d);
        inboxBytes += d.data().length;
        net.trace.recordBytes(Trace.DATAGRAM, id, d.data());
        selector.changed(this);
    }

    @Override
    public void shutdownOutput() throws IOException {
        ensureOpen();
        if (state == State.CONNECTED && !out.finPending) {
            out.finPending = true;
            net.tcp.pump(out);
        }
    }

    @Override
    public void shutdownInput() throws IOException {
        ensureOpen();
        inputShut = true;
        selector.changed(this);
    }

    @Override
    public <V> void setOption(SocketOption<V> option, V value) throws IOException {
        ensureOpen();
        Objects.requireNonNull(option, "option");
        if (!supportedOptions().contains(option)) {
            throw new UnsupportedOperationException("'" + option.name() + "' not supported by " + this);
        }
        if ((option == StandardSocketOptions.SO_RCVBUF || option == StandardSocketOptions.SO_SNDBUF)
                && (Integer) value < 1) {
            throw new IllegalArgumentException(option.name() + " must be at least 1, got " + value);
        }
        options.put(option, value);
        if (state == State.CONNECTED) { // buffers take their new sizes at once
            out.sendCapacity = sendBuffer();
            in.receiveCapacity = receiveBuffer();
            net.tcp.pump(in);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> V getOption(SocketOption<V> option) throws IOException {
        ensureOpen();
        if (!supportedOptions().contains(option)) {
            throw new UnsupportedOperationException("'" + option.name() + "' not supported by " + this);
        }
        if (option == StandardSocketOptions.SO_RCVBUF) {
            return (V) Integer.valueOf(receiveBuffer());
        }
        if (option == StandardSocketOptions.SO_SNDBUF) {
            return (V) Integer.valueOf(sendBuffer());
        }
        Object v = options.get(option);
        if (v == null && option.type() == Boolean.class) {
            return (V) Boolean.FALSE;
        }
        return (V) v;
    }

    private java.util.Set<SocketOption<?>> supportedOptions() {
        return kind == SocketKind.UNIX_STREAM
                ? java.util.Set.of(StandardSocketOptions.SO_RCVBUF, StandardSocketOptions.SO_SNDBUF)
                : kind.stream()
                ? java.util.Set.of(StandardSocketOptions.SO_RCVBUF, StandardSocketOptions.SO_SNDBUF,
                        StandardSocketOptions.SO_REUSEADDR, StandardSocketOptions.SO_REUSEPORT,
                        StandardSocketOptions.SO_KEEPALIVE, StandardSocketOptions.SO_LINGER,
                        StandardSocketOptions.TCP_NODELAY, StandardSocketOptions.IP_TOS)
                : java.util.Set.of(StandardSocketOptions.SO_RCVBUF, StandardSocketOptions.SO_SNDBUF,
                        StandardSocketOptions.SO_REUSEADDR, StandardSocketOptions.SO_REUSEPORT,
                        StandardSocketOptions.SO_BROADCAST, StandardSocketOptions.IP_TOS);
    }

    @Override
    public SocketAddress localAddress() throws IOException {
        ensureOpen();
        return local;
    }

    @Override
    public SocketAddress remoteAddress() throws IOException {
        ensureOpen();
        return state == State.CONNECTED || !kind.stream() ? remote : null;
    }

    @Override
    public boolean isClosed() {
        return state == State.CLOSED;
    }

    @Override
    public void close() {
        if (state == State.CLOSED) {
            return;
        }
        State was = state;
        state = State.CLOSED;
        net.trace.record(Trace.CLOSE, id, 0);
        host.closed(this);
        selector.closed(this);
        if (was == State.LISTENING) {
            for (SimSocket pending : acceptQueue) {
                net.tcp.reset(pending); // never accepted: its client is reset, as by the OS
            }
            acceptQueue.clear();
        } else if (was == State.CONNECTED && !reset) {
            if (in.receivedBytes() > 0) {
                net.tcp.reset(this); // closing with unread bytes sends a reset, as on Linux
            } else if (!out.finPending) {
                out.finPending = true;
                net.tcp.pump(out); // what was written still goes, then end of stream
            }
        }
    }

    private void ensureOpen() throws IOException {
        if (state == State.CLOSED) {
            throw new ClosedChannelException(); // as the other backends: curio.net names the call and socket
        }
    }

    InetSocketAddress wildcard(int port) {
        return new InetSocketAddress(kind == SocketKind.TCP_V6 || kind == SocketKind.UDP_V6
                ? InetAddress.ofLiteral("::") : InetAddress.ofLiteral("0.0.0.0"), port);
    }

    @Override
    public String toString() {
        String k = switch (kind) {
            case TCP_V4, TCP_V6 -> "tcp";
            case UDP_V4, UDP_V6 -> "udp";
            case UNIX_STREAM -> "unix";
        };
        return "sim " + k + " socket #" + id + " on " + host.name()
                + (local != null ? " " + (local instanceof UnixDomainSocketAddress u ? u.getPath() : local) : "")
                + (remote != null && state == State.CONNECTED ? " to " + remote : "")
                + (state == State.CONNECTED && in.receivedBytes() > 0 ? " (" + in.receivedBytes() + " bytes unread)" : "")
                + (state == State.CONNECTED && out.unsentBytes() > 0 ? " (" + out.unsentBytes() + " bytes unsent)" : "")
                + (state == State.CLOSED ? " (closed)" : "");
    }
}
