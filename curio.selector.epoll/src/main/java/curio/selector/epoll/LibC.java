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
import java.lang.invoke.MethodHandleProxies;
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

    /** Binds a C function as an instance of {@code type}, whose one method makes the downcall. */
    private static <T> T function(Class<T> type, String name, FunctionDescriptor fd, Linker.Option... options) {
        MemorySegment symbol = C.find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("the C library has no symbol " + name));
        return MethodHandleProxies.asInterfaceInstance(type, LINKER.downcallHandle(symbol, fd, options));
    }

    private static FunctionDescriptor ints(int args) {
        MemoryLayout[] params = new MemoryLayout[args];
        java.util.Arrays.fill(params, JAVA_INT);
        return FunctionDescriptor.of(JAVA_INT, params);
    }

    // -- epoll and eventfd

    // int epoll_create1(int flags);
    static final EpollCreate1 EPOLL_CREATE1 = function(EpollCreate1.class, "epoll_create1", ints(1), ERRNO_OPT);
    static final EpollCtl EPOLL_CTL = function(EpollCtl.class, "epoll_ctl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS), ERRNO_OPT);
    static final EpollWait EPOLL_WAIT = function(EpollWait.class, "epoll_wait",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), ERRNO_OPT);
    static final Eventfd EVENTFD = function(Eventfd.class, "eventfd", ints(2), ERRNO_OPT);
    /** {@code epoll_pwait2} (Linux 5.11, glibc 2.35): a timeout in nanoseconds; null where the C library lacks it. */
    static final EpollPwait2 EPOLL_PWAIT2 = C.find("epoll_pwait2").isPresent()
            ? function(EpollPwait2.class, "epoll_pwait2",
                    FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS), ERRNO_OPT)
            : null;

    static final Socket SOCKET = function(Socket.class, "socket", ints(3), ERRNO_OPT);
    static final Bind BIND = function(Bind.class, "bind",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT), ERRNO_OPT);
    static final Listen LISTEN = function(Listen.class, "listen", ints(2), ERRNO_OPT);
    static final Accept4 ACCEPT4 = function(Accept4.class, "accept4",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT), ERRNO_OPT);
    static final Connect CONNECT = function(Connect.class, "connect",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT), ERRNO_OPT);
    static final Getsockopt GETSOCKOPT = function(Getsockopt.class, "getsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS), ERRNO_OPT);
    static final Setsockopt SETSOCKOPT = function(Setsockopt.class, "setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT), ERRNO_OPT);
    static final SockName GETSOCKNAME = function(SockName.class, "getsockname",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS), ERRNO_OPT);
    static final SockName GETPEERNAME = function(SockName.class, "getpeername",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS), ERRNO_OPT);
    static final Transfer RECV = function(Transfer.class, "recv",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT), ERRNO_OPT, CRITICAL);
    static final Transfer SEND = function(Transfer.class, "send",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT), ERRNO_OPT, CRITICAL);
    static final Recvfrom RECVFROM = function(Recvfrom.class, "recvfrom",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS),
            ERRNO_OPT, CRITICAL);
    static final Sendto SENDTO = function(Sendto.class, "sendto",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT),
            ERRNO_OPT, CRITICAL);
    static final Shutdown SHUTDOWN = function(Shutdown.class, "shutdown", ints(2), ERRNO_OPT);
    static final ReadWrite READ = function(ReadWrite.class, "read",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), ERRNO_OPT);
    /** {@code read} straight into a Java heap array (critical), for pipes: one copy, from the OS into the array. */
    static final ReadWrite READ_HEAP = function(ReadWrite.class, "read",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), ERRNO_OPT, CRITICAL);
    static final ReadWrite WRITE = function(ReadWrite.class, "write",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), ERRNO_OPT);
    static final Close CLOSE = function(Close.class, "close", ints(1), ERRNO_OPT);
    // int mkfifo(const char *path, mode_t mode); int open(const char *path, int flags, ...);
    // int fcntl(int fd, int cmd, ...): the last two take their third argument as a variadic one
    static final Mkfifo MKFIFO = function(Mkfifo.class, "mkfifo",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), ERRNO_OPT);
    static final Open OPEN = function(Open.class, "open",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), ERRNO_OPT, Linker.Option.firstVariadicArg(2));
    static final Fcntl FCNTL = function(Fcntl.class, "fcntl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), ERRNO_OPT, Linker.Option.firstVariadicArg(2));
    static final Strerror STRERROR = function(Strerror.class, "strerror", FunctionDescriptor.of(ADDRESS, JAVA_INT));

    /*
     * The C functions as Java interfaces, one per signature. Each leading MemorySegment receives errno
     * (captureCallState). A downcall cannot throw a checked exception, but MethodHandle.invokeExact
     * declares Throwable, which would put a try/catch around every call; an interface instance over
     * the handle (MethodHandleProxies, a hidden class holding the handle in a trusted final field)
     * declares nothing, so the call sites are plain calls. DowncallBenchmark in bench measures it
     * against invokeExact on a constant handle. Public only because MethodHandleProxies requires it;
     * the package is not exported.
     */
    /** {@code int epoll_create1(int flags)} */
    public interface EpollCreate1 { int call(MemorySegment errno, int flags); }
    /** {@code int epoll_ctl(int epfd, int op, int fd, struct epoll_event *event)} */
    public interface EpollCtl { int call(MemorySegment errno, int epfd, int op, int fd, MemorySegment event); }
    /** {@code int epoll_wait(int epfd, struct epoll_event *events, int maxevents, int timeout)} */
    public interface EpollWait { int call(MemorySegment errno, int epfd, MemorySegment events, int max, int timeoutMs); }
    /** {@code int epoll_pwait2(int epfd, struct epoll_event *events, int maxevents, const struct timespec *timeout, const sigset_t *sigmask)} */
    public interface EpollPwait2 { int call(MemorySegment errno, int epfd, MemorySegment events, int max, MemorySegment timeout, MemorySegment sigmask); }
    /** {@code int eventfd(unsigned int initval, int flags)} */
    public interface Eventfd { int call(MemorySegment errno, int initval, int flags); }
    /** {@code int socket(int domain, int type, int protocol)} */
    public interface Socket { int call(MemorySegment errno, int domain, int type, int protocol); }
    /** {@code int bind(int fd, const struct sockaddr *addr, socklen_t len)} */
    public interface Bind { int call(MemorySegment errno, int fd, MemorySegment addr, int len); }
    /** {@code int listen(int fd, int backlog)} */
    public interface Listen { int call(MemorySegment errno, int fd, int backlog); }
    /** {@code int accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags)} */
    public interface Accept4 { int call(MemorySegment errno, int fd, MemorySegment addr, MemorySegment len, int flags); }
    /** {@code int connect(int fd, const struct sockaddr *addr, socklen_t len)} */
    public interface Connect { int call(MemorySegment errno, int fd, MemorySegment addr, int len); }
    /** {@code int getsockopt(int fd, int level, int name, void *value, socklen_t *len)} */
    public interface Getsockopt { int call(MemorySegment errno, int fd, int level, int name, MemorySegment value, MemorySegment len); }
    /** {@code int setsockopt(int fd, int level, int name, const void *value, socklen_t len)} */
    public interface Setsockopt { int call(MemorySegment errno, int fd, int level, int name, MemorySegment value, int len); }
    /** {@code int getsockname / getpeername(int fd, struct sockaddr *addr, socklen_t *len)} */
    public interface SockName { int call(MemorySegment errno, int fd, MemorySegment addr, MemorySegment len); }
    /** {@code ssize_t recv / send(int fd, void *buf, size_t len, int flags)} */
    public interface Transfer { long call(MemorySegment errno, int fd, MemorySegment buf, long len, int flags); }
    /** {@code ssize_t recvfrom(int fd, void *buf, size_t len, int flags, struct sockaddr *from, socklen_t *fromlen)} */
    public interface Recvfrom { long call(MemorySegment errno, int fd, MemorySegment buf, long len, int flags, MemorySegment from, MemorySegment fromLen); }
    /** {@code ssize_t sendto(int fd, const void *buf, size_t len, int flags, const struct sockaddr *to, socklen_t tolen)} */
    public interface Sendto { long call(MemorySegment errno, int fd, MemorySegment buf, long len, int flags, MemorySegment to, int toLen); }
    /** {@code int shutdown(int fd, int how)} */
    public interface Shutdown { int call(MemorySegment errno, int fd, int how); }
    /** {@code ssize_t read / write(int fd, void *buf, size_t count)} */
    public interface ReadWrite { long call(MemorySegment errno, int fd, MemorySegment buf, long count); }
    /** {@code int mkfifo(const char *path, mode_t mode)} */
    public interface Mkfifo { int call(MemorySegment errno, MemorySegment path, int mode); }
    /** {@code int open(const char *path, int flags, mode_t mode)} */
    public interface Open { int call(MemorySegment errno, MemorySegment path, int flags, int mode); }
    /** {@code int fcntl(int fd, int cmd, int arg)} */
    public interface Fcntl { int call(MemorySegment errno, int fd, int cmd, int arg); }
    /** {@code int close(int fd)} */
    public interface Close { int call(MemorySegment errno, int fd); }
    /** {@code char *strerror(int errnum)} */
    public interface Strerror { MemorySegment call(int errnum); }

    // -- constants (Linux, identical on x86_64 and aarch64)

    static final int AF_UNIX = 1, AF_INET = 2, AF_INET6 = 10;
    // open(2) flags and fcntl(2) commands, the same on x86_64 and aarch64
    static final int O_RDONLY = 0, O_NONBLOCK = 0x800, O_CLOEXEC = 0x80000, F_SETPIPE_SZ = 1031;
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
    static final int ENOSYS = 38;
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
