package curio.api.spi;

import java.io.IOException;

/**
 * The reading end of a pipe that a selector polls like a socket: a FIFO a child process writes into
 * (see {@link ReadinessSelector#openFifoReader}). Non-blocking: {@link #read} returns
 * {@link SocketHandle#WOULD_BLOCK} when the pipe is empty and the caller waits with
 * {@code Traps.readWait}; {@link SocketHandle#EOF} once every writer has closed it and it is drained.
 */
public abstract class PipeHandle extends IoHandle {

    /** For subclasses. */
    protected PipeHandle() {}

    /**
     * Reads into {@code b[off, off+len)}; bytes read, {@link SocketHandle#EOF} or
     * {@link SocketHandle#WOULD_BLOCK}.
     *
     * @param b the byte array
     * @param off the offset of the first byte in the array
     * @param len how many bytes at most
     * @return how many, EOF or WOULD_BLOCK
     * @throws IOException if the OS reports an error (the message names it and the pipe)
     */
    public abstract int read(byte[] b, int off, int len) throws IOException;
}
