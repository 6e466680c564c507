package curio.api.spi;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketOption;

/**
 * A non-blocking socket of a selector backend. Methods never block: when the OS would block they
 * return {@link #WOULD_BLOCK} (or null / false) and the caller waits with {@code Traps.readWait} or
 * {@code Traps.writeWait} and tries again. Kernel thread only.
 * <p>A stream socket becomes a listener on {@link #listen(int)} or a connection on
 * {@link #connect(SocketAddress)}; options set before that are applied then.
 */
public abstract class SocketHandle extends IoHandle {

    /** Returned by reads and writes that would block. */
    public static final int WOULD_BLOCK = -2;
    /** Returned by reads at end of stream. */
    public static final int EOF = -1;

    /** For subclasses. */
    protected SocketHandle() {}

    /**
     * Returns the kind this socket was opened as.
     *
     * @return the kind this socket was opened as
     */
    public abstract SocketKind kind();

    /**
     * Binds to a local address.
     *
     * @param local the local address
     * @throws IOException if the I/O fails
     */
    public abstract void bind(SocketAddress local) throws IOException;

    /**
     * Starts listening (stream kinds only).
     *
     * @param backlog how many pending connections the OS queues
     * @throws IOException if the I/O fails
     */
    public abstract void listen(int backlog) throws IOException;

    /**
     * Accepts a connection; null if none is pending.
     *
     * @return the socket
     * @throws IOException if the I/O fails
     */
    public abstract SocketHandle accept() throws IOException;

    /**
     * Starts connecting; true if connected at once, false if {@link #finishConnect()} must follow writability.
     *
     * @param remote the remote address
     * @return true if connected at once
     * @throws IOException if the I/O fails
     */
    public abstract boolean connect(SocketAddress remote) throws IOException;

    /**
     * Completes a connect once writable; true when connected, false if still pending.
     *
     * @return true when connected
     * @throws IOException if the I/O fails
     */
    public abstract boolean finishConnect() throws IOException;

    /**
     * Reads into {@code b[off, off+len)}; bytes read, {@link #EOF} or {@link #WOULD_BLOCK}.
     *
     * @param b the byte array
     * @param off the offset of the first byte in the array
     * @param len how many bytes
     * @return the bytes read, {@link #EOF} at end of stream, or {@link #WOULD_BLOCK}
     * @throws IOException if the I/O fails
     */
    public abstract int read(byte[] b, int off, int len) throws IOException;

    /**
     * Writes from {@code b[off, off+len)}; bytes written (maybe fewer) or {@link #WOULD_BLOCK}.
     *
     * @param b the byte array
     * @param off the offset of the first byte in the array
     * @param len how many bytes
     * @return the bytes written (maybe fewer than {@code len}), or {@link #WOULD_BLOCK}
     * @throws IOException if the I/O fails
     */
    public abstract int write(byte[] b, int off, int len) throws IOException;

    /**
     * Receives one datagram into {@code b[off, off+len)}; null if none is waiting.
     *
     * @param b the byte array
     * @param off the offset of the first byte in the array
     * @param len how many bytes
     * @return the length and sender, or null if no datagram is waiting
     * @throws IOException if the I/O fails
     */
    public abstract Received receive(byte[] b, int off, int len) throws IOException;

    /**
     * Sends one datagram; bytes sent or {@link #WOULD_BLOCK}.
     *
     * @param b the byte array
     * @param off the offset of the first byte in the array
     * @param len how many bytes
     * @param target the destination
     * @return the bytes sent (the whole datagram), or {@link #WOULD_BLOCK}
     * @throws IOException if the I/O fails
     */
    public abstract int send(byte[] b, int off, int len, SocketAddress target) throws IOException;

    /**
     * Shuts down the sending side; the peer reads end of stream.
     *
     * @throws IOException if the I/O fails
     */
    public abstract void shutdownOutput() throws IOException;

    /**
     * Shuts down the receiving side.
     *
     * @throws IOException if the I/O fails
     */
    public abstract void shutdownInput() throws IOException;

    /**
     * Sets a socket option (before or after listen/connect).
     *
     * @param <V> the type
     * @param option the option
     * @param value the value
     * @throws IOException if the I/O fails
     */
    public abstract <V> void setOption(SocketOption<V> option, V value) throws IOException;

    /**
     * Reads a socket option.
     *
     * @param <V> the type
     * @param option the option
     * @return the option's value
     * @throws IOException if the I/O fails
     */
    public abstract <V> V getOption(SocketOption<V> option) throws IOException;

    /**
     * Returns the local address, or null if unbound.
     *
     * @return the local address, or null if unbound
     * @throws IOException if the I/O fails
     */
    public abstract SocketAddress localAddress() throws IOException;

    /**
     * Returns the peer address, or null if unconnected.
     *
     * @return the peer address, or null if unconnected
     * @throws IOException if the I/O fails
     */
    public abstract SocketAddress remoteAddress() throws IOException;
}
