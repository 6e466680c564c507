package curio.selector.epoll;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The C library as seen from Java: one downcall handle per system call, with its C prototype above it.
 * Every call that can fail captures {@code errno}; the data calls ({@code recv}, {@code send},
 * {@code recvfrom}, {@code sendto}) are critical so that they read and write Java heap arrays directly.
 * {@code epoll_wait} is deliberately not critical: it blocks, and a critical call would hold up GC.
 * Loaded only once {@link EpollSelectorProvider#unsupportedReason()} says the platform fits.
 */
final class LibC {

    private LibC() {}

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup C = LINKER.defaultLookup();

    /** The layout of the captured call state; its {@code errno} field holds the error of the last call. */
    static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option ERRNO_OPT = Linker.Option.captureCallState("errno");
    private static final Linker.Option CRITICAL = Linker.Option.critical(true);

    static int errno(MemorySegment capture) {
        return (int) ERRNO.get(capture, 0L);
    }

    private static MethodHandle bind(String name, FunctionDescriptor fd, Linker.Option... options) {
        MemorySegment symbol = C.find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("the C library has no symbol " + name));
        return LINKER.downcallHandle(symbol, fd, options);
    }

    private static FunctionDescriptor ints(int args) {
        MemoryLayout[] params = new MemoryLayout[args];
        java.util.Arrays.fill(params, JAVA_INT);
        return FunctionDescriptor.of(JAVA_INT, params);
    }

    // -- epoll and eventfd

    // int epoll_create1(int flags);
    static final MethodHandle EPOLL_CREATE1 = bind("epoll_create1", ints(1), ERRNO_OPT);
    // int epoll_ctl(int epfd, int op, int fd, struct epoll_event *event);
    static final MethodHandle EPOLL_CTL = bind("epoll_ctl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS), ERRNO_OPT);
    // int epoll_wait(int epfd, struct epoll_event *events, int maxevents, int timeout);
    static final MethodHandle EPOLL_WAIT = bind("epoll_wait",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), ERRNO_OPT);
    // int eventfd(unsigned int initval, int flags);
    static final MethodHandle EVENTFD = bind("eventfd", ints(2), ERRNO_OPT);

    // -- sockets

    // int socket(int domain, int type, int protocol);
    static final MethodHandle SOCKET = bind("socket", ints(3), ERRNO_OPT);
    // int bind(int sockfd, const struct sockaddr *addr, socklen_t addrlen);
    static final MethodHandle BIND = bind("bind",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT), ERRNO_OPT);
    // int listen(int sockfd, int backlog);
    static final MethodHandle LISTEN = bind("listen", ints(2), ERRNO_OPT);
    // int accept4(int sockfd, struct sockaddr *addr, socklen_t *addrlen, int flags);
    static final MethodHandle ACCEPT4 = bind("accept4",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT), ERRNO_OPT);
    // int connect(int sockfd, const struct sockaddr *addr, socklen_t addrlen);
    static final MethodHandle CONNECT = bind("connect",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT), ERRNO_OPT);
    // int getsockopt(int sockfd, int level, int optname, void *optval, socklen_t *optlen);
    static final MethodHandle GETSOCKOPT = bind("getsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS), ERRNO_OPT);
    // int setsockopt(int sockfd, int level, int optname, const void *optval, socklen_t optlen);
    static final MethodHandle SETSOCKOPT = bind("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT), ERRNO_OPT);
    // int getsockname(int sockfd, struct sockaddr *addr, socklen_t *addrlen);
    static final MethodHandle GETSOCKNAME = bind("getsockname",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS), ERRNO_OPT);
    // int getpeername(int sockfd, struct sockaddr *addr, socklen_t *addrlen);
    static final MethodHandle GETPEERNAME = bind("getpeername",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS), ERRNO_OPT);
    // ssize_t recv(int sockfd, void *buf, size_t len, int flags);          critical: buf may be a heap array
    static final MethodHandle RECV = bind("recv",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT), ERRNO_OPT, CRITICAL);
    // ssize_t send(int sockfd, const void *buf, size_t len, int flags);    critical: buf may be a heap array
    static final MethodHandle SEND = bind("send",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT), ERRNO_OPT, CRITICAL);
    // ssize_t recvfrom(int sockfd, void *buf, size_t len, int flags, struct sockaddr *src, socklen_t *addrlen);
    static final MethodHandle RECVFROM = bind("recvfrom",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS),
            ERRNO_OPT, CRITICAL);
    // ssize_t sendto(int sockfd, const void *buf, size_t len, int flags, const struct sockaddr *dest, socklen_t addrlen);
    static final MethodHandle SENDTO = bind("sendto",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT),
            ERRNO_OPT, CRITICAL);
    // int shutdown(int sockfd, int how);
    static final MethodHandle SHUTDOWN = bind("shutdown", ints(2), ERRNO_OPT);
    // ssize_t read(int fd, void *buf, size_t count);       used on the eventfd only
    static final MethodHandle READ = bind("read",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), ERRNO_OPT);
    // ssize_t write(int fd, const void *buf, size_t count); used on the eventfd only, from any thread
    static final MethodHandle WRITE = bind("write",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), ERRNO_OPT);
    // int close(int fd);
    static final MethodHandle CLOSE = bind("close", ints(1), ERRNO_OPT);
    // char *strerror(int errnum);
    static final MethodHandle STRERROR = bind("strerror", FunctionDescriptor.of(ADDRESS, JAVA_INT));

    // -- constants (Linux, identical on x86_64 and aarch64)

    static final int AF_UNIX = 1, AF_INET = 2, AF_INET6 = 10;
    static final int SOCK_STREAM = 1, SOCK_DGRAM = 2, SOCK_NONBLOCK = 0x800, SOCK_CLOEXEC = 0x80000;
    static final int EPOLL_CLOEXEC = 0x80000, EFD_NONBLOCK = 0x800, EFD_CLOEXEC = 0x80000;
    static final int EPOLL_CTL_ADD = 1, EPOLL_CTL_DEL = 2, EPOLL_CTL_MOD = 3;
    static final int EPOLLIN = 0x1, EPOLLOUT = 0x4, EPOLLERR = 0x8, EPOLLHUP = 0x10, EPOLLRDHUP = 0x2000;
    static final int SHUT_RD = 0, SHUT_WR = 1;
    static final int MSG_NOSIGNAL = 0x4000; // no SIGPIPE on a closed peer: EPIPE instead
    static final int SOL_SOCKET = 1, IPPROTO_TCP = 6, IPPROTO_IPV6 = 41;
    static final int SO_REUSEADDR = 2, SO_ERROR = 4, SO_BROADCAST = 6, SO_SNDBUF = 7, SO_RCVBUF = 8,
            SO_KEEPALIVE = 9, SO_LINGER = 13, SO_REUSEPORT = 15, TCP_NODELAY = 1, IPV6_V6ONLY = 26;

    // errno values
    static final int ENOENT = 2, EINTR = 4, EBADF = 9, EAGAIN = 11, EACCES = 13, EINVAL = 22, EPIPE = 32,
            EADDRINUSE = 98, EADDRNOTAVAIL = 99, ENETUNREACH = 101, ECONNABORTED = 103, ECONNRESET = 104,
            EISCONN = 106, ENOTCONN = 107, ETIMEDOUT = 110, ECONNREFUSED = 111, EHOSTUNREACH = 113,
            EALREADY = 114, EINPROGRESS = 115;

    /**
     * {@code struct epoll_event { uint32_t events; epoll_data_t data; }}. glibc packs it on x86_64
     * (12 bytes, data at offset 4) but not on aarch64 (16 bytes, data 8-aligned); EpollLayoutTest pins both.
     */
    static StructLayout epollEvent(String arch) {
        return switch (arch) {
            case "amd64", "x86_64" -> MemoryLayout.structLayout(
                    JAVA_INT.withName("events"), JAVA_LONG.withByteAlignment(1).withName("data"));
            case "aarch64" -> MemoryLayout.structLayout(
                    JAVA_INT.withName("events"), MemoryLayout.paddingLayout(4), JAVA_LONG.withName("data"));
            default -> throw new IllegalStateException("no epoll_event layout for architecture " + arch);
        };
    }
}
