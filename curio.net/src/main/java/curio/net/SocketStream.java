package curio.net;

import java.io.IOException;

/**
 * A buffered byte stream over a {@link Socket} (Curio's {@code SocketStream}). Closing the stream
 * closes the socket. See {@link AsyncStream} for the reading and writing methods.
 * <pre>{@code
 * try (SocketStream s = Net.openConnection("example.org", 80)) {
 *     s.write("GET / HTTP/1.0\r\n\r\n".getBytes());
 *     byte[] status = s.readLine();
 * }
 * }</pre>
 */
public final class SocketStream extends AsyncStream {

    SocketStream(ByteChannelLike socket) {
        super(socket);
    }

    /**
     * Returns the socket (or TLS connection) underneath.
     *
     * @return the socket (or TLS connection) underneath
     */
    public ByteChannelLike socket() {
        return channel();
    }

    /**
     * Half-closes: the peer reads end of stream; this side can still read.
     *
     * @throws IOException if the I/O fails
     */
    public void shutdownOutput() throws IOException {
        channel().shutdownOutput();
    }

    @Override
    public SocketStream maxLineLength(int limit) {
        super.maxLineLength(limit);
        return this;
    }
}
