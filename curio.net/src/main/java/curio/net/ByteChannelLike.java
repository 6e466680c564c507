package curio.net;

import curio.api.trap.Traps;
import java.io.IOException;

/**
 * What an {@link AsyncStream} reads from and writes to: a socket, a TLS connection, a pipe. Every
 * method is async: it suspends the calling task, never a thread.
 */
public interface ByteChannelLike extends AutoCloseable {

    /**
     * Returns whether the caller may use this channel now: a task (of the kernel the channel belongs to, for
     * channels that belong to one). Cheap, and never throws: a stream asks it on every call, even one served
     * from its buffer.
     *
     * @return whether {@link #requireUsable} would pass
     */
    default boolean usableHere() {
        return Traps.inTask();
    }

    /**
     * Throws the {@code IllegalStateException} a caller gets when {@link #usableHere()} is false, naming
     * {@code call}: a plain thread, or a task of another kernel.
     *
     * @param call the public name of the operation refused
     */
    default void requireUsable(String call) {
        Traps.requireTask(call);
    }

    /**
     * Reads into {@code b[off, off+len)}, waiting for at least one byte; 0 at end of stream.
     *
     * @param b the byte array
     * @param off the offset of the first byte in the array
     * @param len how many bytes
     * @return the bytes read, at least 1, or 0 at end of stream
     * @throws IOException if the I/O fails
     */
    int recvInto(byte[] b, int off, int len) throws IOException;

    /**
     * Reads up to {@code maxBytes} into a new array, waiting for at least one byte; an empty array at end
     * of stream. The default reads into an array of {@code maxBytes} and trims it; a channel that has the
     * bytes in an array of its own already (a socket's scratch buffer, a pipe's chunk) returns them with
     * fewer copies.
     *
     * @param maxBytes the most bytes to return
     * @return the bytes, at least one; an empty array at end of stream
     * @throws IOException if the I/O fails
     */
    default byte[] recv(int maxBytes) throws IOException {
        byte[] out = new byte[maxBytes];
        int n = recvInto(out, 0, maxBytes);
        return n == maxBytes ? out : java.util.Arrays.copyOf(out, n);
    }

    /**
     * Writes all of {@code b[off, off+len)}.
     *
     * @param b the byte array
     * @param off the offset of the first byte in the array
     * @param len how many bytes
     * @throws IOException if the I/O fails
     */
    void sendAll(byte[] b, int off, int len) throws IOException;

    /**
     * Ends the sending side, if the channel can.
     *
     * @throws IOException if the I/O fails
     */
    void shutdownOutput() throws IOException;

    /** Closes the channel. */
    @Override
    void close() throws IOException;
}
