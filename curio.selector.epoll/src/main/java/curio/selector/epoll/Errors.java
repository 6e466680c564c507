package curio.selector.epoll;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.util.Map;

/**
 * errno to the exception a Java developer expects, with the errno name in the message
 * (after Netty's {@code Errors}). EAGAIN is never an error here: callers turn it into "would block".
 */
final class Errors {

    private Errors() {}

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(LibC.ENOENT, "ENOENT"), Map.entry(LibC.EINTR, "EINTR"), Map.entry(LibC.EBADF, "EBADF"),
            Map.entry(LibC.EAGAIN, "EAGAIN"), Map.entry(LibC.EACCES, "EACCES"), Map.entry(LibC.EINVAL, "EINVAL"),
            Map.entry(LibC.EPIPE, "EPIPE"), Map.entry(LibC.EADDRINUSE, "EADDRINUSE"),
            Map.entry(LibC.EADDRNOTAVAIL, "EADDRNOTAVAIL"), Map.entry(LibC.ENETUNREACH, "ENETUNREACH"),
            Map.entry(LibC.ECONNABORTED, "ECONNABORTED"), Map.entry(LibC.ECONNRESET, "ECONNRESET"),
            Map.entry(LibC.EISCONN, "EISCONN"), Map.entry(LibC.ENOTCONN, "ENOTCONN"),
            Map.entry(LibC.ETIMEDOUT, "ETIMEDOUT"), Map.entry(LibC.ECONNREFUSED, "ECONNREFUSED"),
            Map.entry(LibC.EHOSTUNREACH, "EHOSTUNREACH"), Map.entry(LibC.EALREADY, "EALREADY"),
            Map.entry(LibC.EINPROGRESS, "EINPROGRESS"));

    /** Returns the errno's symbolic name, e.g. "ECONNRESET", or "errno N". */
    static String name(int errno) {
        return NAMES.getOrDefault(errno, "errno " + errno);
    }

    /** Returns the C library's description of an errno. */
    static String describe(int errno) {
        try {
            MemorySegment s = LibC.STRERROR.call(errno);
            return s.reinterpret(256).getString(0);
        } catch (Throwable t) {
            return "error";
        }
    }

    /**
     * After a non-blocking data call failed with {@code errno}: true to retry it (EINTR), false if it
     * would block (EAGAIN); any other errno is thrown, naming {@code call} on {@code handle}.
     */
    static boolean retry(int errno, String call, Object handle) throws IOException {
        if (errno == LibC.EINTR) {
            return true;
        }
        if (errno == LibC.EAGAIN) {
            return false;
        }
        throw exception(errno, call + " on " + handle);
    }

    /** Builds the exception for a failed call; {@code what} names the call and the socket. */
    static IOException exception(int errno, String what) {
        String message = describe(errno) + " (" + name(errno) + ") in " + what;
        return switch (errno) {
            case LibC.ECONNREFUSED, LibC.ETIMEDOUT -> new ConnectException(message);
            case LibC.EADDRINUSE, LibC.EADDRNOTAVAIL, LibC.EACCES -> new BindException(message);
            case LibC.EHOSTUNREACH, LibC.ENETUNREACH -> new NoRouteToHostException(message);
            case LibC.ECONNRESET, LibC.EPIPE, LibC.ECONNABORTED, LibC.ENOTCONN, LibC.EBADF -> new SocketException(message);
            default -> new IOException(message);
        };
    }
}
