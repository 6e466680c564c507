package curio.selector.epoll;

import curio.api.spi.Received;
import curio.api.spi.SocketHandle;
import curio.api.spi.SocketKind;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;

/**
 * A non-blocking socket on a raw file descriptor. Data calls pass the caller's heap array straight to
 * the C library (critical downcalls); EAGAIN becomes "would block", EINTR a retry, every other errno an
 * exception naming it. Kernel thread only (it uses its selector's scratch memory).
 */
final class EpollSocket extends SocketHandle implements EpollSelector.Polled {

    private final EpollSelector sel;
    private final SocketKind kind;
    final int fd;
    private boolean closed;

    EpollSocket(EpollSelector sel, SocketKind kind, int fd) {
        this.sel = sel;
        this.kind = kind;
        this.fd = fd;
    }

    static EpollSocket open(EpollSelector sel, SocketKind kind) throws IOException {
        int domain = switch (kind) {
            case TCP_V4, UDP_V4 -> LibC.AF_INET;
            case TCP_V6, UDP_V6 -> LibC.AF_INET6;
            case UNIX_STREAM -> LibC.AF_UNIX;
        };
        int type = (kind.stream() ? LibC.SOCK_STREAM : LibC.SOCK_DGRAM) | LibC.SOCK_NONBLOCK | LibC.SOCK_CLOEXEC;
        int fd = LibC.SOCKET.call(sel.capture, domain, type, 0);
        if (fd < 0) {
            throw Errors.exception(LibC.errno(sel.capture), "socket(" + kind + ")");
        }
        EpollSocket s = new EpollSocket(sel, kind, fd);
        if (domain == LibC.AF_INET6) {
            s.setInt(LibC.IPPROTO_IPV6, LibC.IPV6_V6ONLY, 0, "IPV6_V6ONLY"); // dual stack, as java.net does
        }
        return s;
    }

    EpollSelector selector() {
        return sel;
    }

    @Override
    public int fd() {
        return fd;
    }

    @Override
    public SocketKind kind() {
        return kind;
    }

    private int family() {
        return switch (kind) {
            case TCP_V6, UDP_V6 -> LibC.AF_INET6;
            case UNIX_STREAM -> LibC.AF_UNIX;
            default -> LibC.AF_INET;
        };
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new ClosedChannelException();
        }
    }

    private IOException failure(String call) {
        return Errors.exception(LibC.errno(sel.capture), call + " on " + this);
    }

    @Override
    public void bind(SocketAddress local) throws IOException {
        ensureOpen();
        int len = SockAddr.encode(local, sel.address, family());
        int r = LibC.BIND.call(sel.capture, fd, sel.address, len);
        if (r < 0) {
            throw Errors.exception(LibC.errno(sel.capture), "bind to " + local);
        }
    }

    @Override
    public void listen(int backlog) throws IOException {
        ensureOpen();
        if (!kind.stream()) {
            throw new IllegalStateException("listen() on " + this + ": only a stream socket can listen");
        }
        int r = LibC.LISTEN.call(sel.capture, fd, backlog);
        if (r < 0) {
            throw failure("listen");
        }
    }

    @Override
    public SocketHandle accept() throws IOException {
        ensureOpen();
        while (true) {
            int client = LibC.ACCEPT4.call(sel.capture, fd, MemorySegment.NULL, MemorySegment.NULL,
                    LibC.SOCK_NONBLOCK | LibC.SOCK_CLOEXEC);
            if (client >= 0) {
                return sel.adopt(client, kind);
            }
            int errno = LibC.errno(sel.capture);
            if (errno == LibC.EAGAIN) {
                return null;
            }
            if (errno != LibC.EINTR && errno != LibC.ECONNABORTED) { // an aborted client: accept the next
                throw Errors.exception(errno, "accept on " + this);
            }
        }
    }

    @Override
    public boolean connect(SocketAddress remote) throws IOException {
        ensureOpen();
        int len = SockAddr.encode(remote, sel.address, family());
        int r = LibC.CONNECT.call(sel.capture, fd, sel.address, len);
        if (r == 0) {
            return true;
        }
        int errno = LibC.errno(sel.capture);
        if (errno == LibC.EINPROGRESS || errno == LibC.EINTR || errno == LibC.EAGAIN) {
            return false; // completes later: wait for writability, then finishConnect()
        }
        throw Errors.exception(errno, "connect to " + remote);
    }

    @Override
    public boolean finishConnect() throws IOException {
        ensureOpen();
        int err = getInt(LibC.SOL_SOCKET, LibC.SO_ERROR, "SO_ERROR");
        if (err != 0) {
            throw Errors.exception(err, "connect on " + this);
        }
        return remoteAddress() != null;
    }

    /*
     * How the bytes of b[off, off+len) reach a system call. The data calls are critical downcalls,
     * which read and fill a heap segment in place; but a heap segment is two objects (72 bytes), and a
     * user's code hands over a new array for nearly every call (each recv() returns one, each
     * readLine() a line, and they are what gets sent back). So, from the first choice that applies:
     *  - the array this socket used in its previous call in the same direction too, from its start:
     *    its segment is made once and kept (a loop over one buffer; recv() into the kernel's scratch);
     *  - any other array, whole, on a stream socket: a segment made in the method that makes the
     *    downcall (recvWhole, sendWhole), no copy. Once C2 has compiled that method the segment does
     *    not exist (escape analysis), but only in that shape: made elsewhere and passed through a
     *    helper, or chosen against the kept segment, or sliced, it was allocated in some or all runs
     *    (measured in bench/README.md); should a compilation ever keep it, it costs 72 bytes, no copy;
     *  - at an offset (the rest of a partial sendAll, a stream filling its buffer) or a datagram, up to
     *    STAGING_BYTES: through the selector's native staging buffer, one memcpy and no object (safe
     *    to share: no task switch happens between the call and the copy);
     *  - larger, at an offset: a slice, its 72 bytes spread over more than 64 KiB.
     */
    static final int STAGING_BYTES = 64 * 1024;
    private byte[] lastArray;        // the array of lastSegment
    private MemorySegment lastSegment;
    private byte[] previousRead;     // the array of the previous read at offset 0
    private byte[] previousWrite;    // the same for writes

    /** True if {@code b}, at offset 0, goes through lastSegment: it is that array, or the previous call's too. */
    private boolean reused(byte[] b, boolean read) {
        if (b == lastArray) {
            return true;
        }
        byte[] previous = read ? previousRead : previousWrite;
        if (read) {
            previousRead = b;
        } else {
            previousWrite = b;
        }
        if (b != previous) {
            return false;
        }
        lastSegment = MemorySegment.ofArray(b);
        lastArray = b;
        return true;
    }

    // The data calls, each retrying on EINTR: the count, or -1 when it would block (EAGAIN).
    private long recv(MemorySegment buf, long len) throws IOException {
        long n;
        while ((n = LibC.RECV.call(sel.capture, fd, buf, len, 0)) < 0 && interrupted("recv")) { }
        return n;
    }

    private long send(MemorySegment buf, long len) throws IOException {
        long n;
        while ((n = LibC.SEND.call(sel.capture, fd, buf, len, LibC.MSG_NOSIGNAL)) < 0 && interrupted("send")) { }
        return n;
    }

    // A whole array in place: its segment is made in the method that makes the downcall, so that escape
    // analysis sees both whether or not this method is inlined where it is called.
    private long recvWhole(byte[] b, int len) throws IOException {
        long n;
        while ((n = LibC.RECV.call(sel.capture, fd, MemorySegment.ofArray(b), len, 0)) < 0 && interrupted("recv")) { }
        return n;
    }

    private long sendWhole(byte[] b, int len) throws IOException {
        long n;
        while ((n = LibC.SEND.call(sel.capture, fd, MemorySegment.ofArray(b), len, LibC.MSG_NOSIGNAL)) < 0
                && interrupted("send")) { }
        return n;
    }

    private long recvfrom(MemorySegment buf, long len) throws IOException {
        long n;
        do {
            sel.length.set(ValueLayout.JAVA_INT, 0, SockAddr.STORAGE);
        } while ((n = LibC.RECVFROM.call(sel.capture, fd, buf, len, 0, sel.address, sel.length)) < 0
                && interrupted("recvfrom"));
        return n;
    }

    private long sendto(MemorySegment buf, long len, MemorySegment to, int alen) throws IOException {
        long n;
        while ((n = LibC.SENDTO.call(sel.capture, fd, buf, len, LibC.MSG_NOSIGNAL, to, alen)) < 0
                && interrupted("sendto")) { }
        return n;
    }

    /** After a data call failed: true to retry it (EINTR), false if it would block; any other errno is thrown. */
    private boolean interrupted(String call) throws IOException {
        return Errors.retry(LibC.errno(sel.capture), call, this);
    }

    /** A read into b[off, off+len) through the staging buffer, or a slice beyond it (recv, or recvfrom when {@code from}). */
    private long readStaged(byte[] b, int off, int len, boolean from) throws IOException {
        if (len > STAGING_BYTES) {
            MemorySegment slice = MemorySegment.ofArray(b).asSlice(off);
            return from ? recvfrom(slice, len) : recv(slice, len);
        }
        long n = from ? recvfrom(sel.staging, len) : recv(sel.staging, len);
        if (n > 0) {
            MemorySegment.copy(sel.staging, ValueLayout.JAVA_BYTE, 0, b, off, (int) n);
        }
        return n;
    }

    /** A write of b[off, off+len) through the staging buffer, or a slice beyond it (send, or sendto when {@code to} is not null). */
    private long writeStaged(byte[] b, int off, int len, MemorySegment to, int alen) throws IOException {
        MemorySegment at;
        if (len > STAGING_BYTES) {
            at = MemorySegment.ofArray(b).asSlice(off);
        } else {
            MemorySegment.copy(b, off, sel.staging, ValueLayout.JAVA_BYTE, 0, len);
            at = sel.staging;
        }
        return to == null ? send(at, len) : sendto(at, len, to, alen);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        ensureOpen();
        // The length travels to the system call apart from the segment: check it here, or the
        // kernel would write past the array.
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        long n = off != 0 ? readStaged(b, off, len, false)
                : reused(b, true) ? recv(lastSegment, len)
                : recvWhole(b, len);
        return n < 0 ? WOULD_BLOCK : n == 0 ? EOF : (int) n;
    }

    @Override
    public int write(byte[] b, int off, int len) throws IOException {
        ensureOpen();
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        long n = off != 0 ? writeStaged(b, off, len, null, 0)
                : reused(b, false) ? send(lastSegment, len)
                : sendWhole(b, len);
        return n < 0 ? WOULD_BLOCK : (int) n;
    }

    @Override
    public Received receive(byte[] b, int off, int len) throws IOException {
        ensureOpen();
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        long n = off == 0 && reused(b, true) ? recvfrom(lastSegment, len) : readStaged(b, off, len, true);
        return n < 0 ? null : new Received((int) n, SockAddr.decode(sel.address, sel.length.get(ValueLayout.JAVA_INT, 0)));
    }

    @Override
    public int send(byte[] b, int off, int len, SocketAddress target) throws IOException {
        ensureOpen();
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        int alen = target == null ? 0 : SockAddr.encode(target, sel.address, family());
        MemorySegment to = target == null ? MemorySegment.NULL : sel.address;
        long n = off == 0 && reused(b, false) ? sendto(lastSegment, len, to, alen) : writeStaged(b, off, len, to, alen);
        return n < 0 ? WOULD_BLOCK : (int) n;
    }

    private void shutdown(int how, String call) throws IOException {
        ensureOpen();
        int r = LibC.SHUTDOWN.call(sel.capture, fd, how);
        if (r < 0) {
            throw failure(call);
        }
    }

    @Override
    public void shutdownOutput() throws IOException {
        shutdown(LibC.SHUT_WR, "shutdownOutput");
    }

    @Override
    public void shutdownInput() throws IOException {
        shutdown(LibC.SHUT_RD, "shutdownInput");
    }

    private int getInt(int level, int name, String what) throws IOException {
        sel.length.set(ValueLayout.JAVA_INT, 0, 4);
        int r = LibC.GETSOCKOPT.call(sel.capture, fd, level, name, sel.option, sel.length);
        if (r < 0) {
            throw failure("getsockopt(" + what + ")");
        }
        return sel.option.get(ValueLayout.JAVA_INT, 0);
    }

    private void setInt(int level, int name, int value, String what) throws IOException {
        sel.option.set(ValueLayout.JAVA_INT, 0, value);
        setRaw(level, name, 4, what);
    }

    private void setRaw(int level, int name, int len, String what) throws IOException {
        int r = LibC.SETSOCKOPT.call(sel.capture, fd, level, name, sel.option, len);
        if (r < 0) {
            throw failure("setsockopt(" + what + ")");
        }
    }

    private record Opt(int level, int name, boolean bool) {}

    private static Opt opt(SocketOption<?> o) {
        if (o == StandardSocketOptions.SO_REUSEADDR) return new Opt(LibC.SOL_SOCKET, LibC.SO_REUSEADDR, true);
        if (o == StandardSocketOptions.SO_REUSEPORT) return new Opt(LibC.SOL_SOCKET, LibC.SO_REUSEPORT, true);
        if (o == StandardSocketOptions.SO_KEEPALIVE) return new Opt(LibC.SOL_SOCKET, LibC.SO_KEEPALIVE, true);
        if (o == StandardSocketOptions.SO_BROADCAST) return new Opt(LibC.SOL_SOCKET, LibC.SO_BROADCAST, true);
        if (o == StandardSocketOptions.SO_SNDBUF) return new Opt(LibC.SOL_SOCKET, LibC.SO_SNDBUF, false);
        if (o == StandardSocketOptions.SO_RCVBUF) return new Opt(LibC.SOL_SOCKET, LibC.SO_RCVBUF, false);
        if (o == StandardSocketOptions.TCP_NODELAY) return new Opt(LibC.IPPROTO_TCP, LibC.TCP_NODELAY, true);
        if (o == StandardSocketOptions.SO_LINGER) return null;
        throw new UnsupportedOperationException("socket option " + o.name() + " is not supported by the epoll backend");
    }

    @Override
    public <V> void setOption(SocketOption<V> option, V value) throws IOException {
        ensureOpen();
        Opt o = opt(option);
        if (o == null) { // SO_LINGER: struct linger { int l_onoff; int l_linger; }; negative disables
            int seconds = (Integer) value;
            sel.option.set(ValueLayout.JAVA_INT, 0, seconds < 0 ? 0 : 1);
            sel.option.set(ValueLayout.JAVA_INT, 4, Math.max(seconds, 0));
            setRaw(LibC.SOL_SOCKET, LibC.SO_LINGER, 8, "SO_LINGER");
        } else {
            setInt(o.level(), o.name(), o.bool() ? ((Boolean) value ? 1 : 0) : (Integer) value, option.name());
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> V getOption(SocketOption<V> option) throws IOException {
        ensureOpen();
        Opt o = opt(option);
        if (o == null) {
            sel.length.set(ValueLayout.JAVA_INT, 0, 8);
            int r = LibC.GETSOCKOPT.call(sel.capture, fd, LibC.SOL_SOCKET, LibC.SO_LINGER, sel.option, sel.length);
            if (r < 0) {
                throw failure("getsockopt(SO_LINGER)");
            }
            boolean on = sel.option.get(ValueLayout.JAVA_INT, 0) != 0;
            return (V) Integer.valueOf(on ? sel.option.get(ValueLayout.JAVA_INT, 4) : -1);
        }
        int v = getInt(o.level(), o.name(), option.name());
        return (V) (o.bool() ? Boolean.valueOf(v != 0) : Integer.valueOf(v));
    }

    private SocketAddress name(boolean peer) throws IOException {
        ensureOpen();
        sel.length.set(ValueLayout.JAVA_INT, 0, SockAddr.STORAGE);
        int r = peer ? LibC.GETPEERNAME.call(sel.capture, fd, sel.address, sel.length)
                : LibC.GETSOCKNAME.call(sel.capture, fd, sel.address, sel.length);
        if (r < 0) {
            int errno = LibC.errno(sel.capture);
            if (errno == LibC.ENOTCONN) {
                return null;
            }
            throw Errors.exception(errno, (peer ? "getpeername" : "getsockname") + " on fd " + fd);
        }
        return SockAddr.decode(sel.address, sel.length.get(ValueLayout.JAVA_INT, 0));
    }

    @Override
    public SocketAddress localAddress() throws IOException {
        return name(false);
    }

    @Override
    public SocketAddress remoteAddress() throws IOException {
        return name(true);
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
        lastArray = null; // let the caller's buffers go with the socket
        lastSegment = null;
        previousRead = null;
        previousWrite = null;
        sel.closeHandle(this);
    }

    @Override
    public String toString() {
        return "epoll " + kind.name().toLowerCase(java.util.Locale.ROOT) + " socket fd " + fd + (closed ? " (closed)" : "");
    }
}
