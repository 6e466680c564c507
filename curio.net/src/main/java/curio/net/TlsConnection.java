package curio.net;

import curio.api.CancelledError;
import curio.api.Curio;
import java.io.IOException;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * TLS over a {@link Socket}, driven by an {@link SSLEngine}; made by {@link Socket#startTls}, by
 * {@link Net#openConnection(String, int, TlsOptions)} and by TLS servers, after which the socket's own
 * reads and writes go through it. The handshake runs explicitly for clients and before the handler for
 * servers; delegated engine tasks (certificate checks) run in a worker thread.
 * Renegotiation is not offered; a peer's close_notify reads as end of stream.
 */
public final class TlsConnection implements ByteChannelLike {

    /* Implementation notes. netIn is kept in write mode (bytes from the socket not yet unwrapped),
     * appIn in read mode (plaintext not yet handed out); netOut is filled and sent per record. A TCP
     * end of stream without close_notify also reads as end of stream (Python's suppress_ragged_eofs). */

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final Socket socket;
    private final SSLEngine engine;
    private ByteBuffer netIn;
    private ByteBuffer netOut;
    private ByteBuffer appIn;
    private boolean handshaken;
    private boolean inboundDone;
    private boolean closed;

    TlsConnection(Socket socket, SSLEngine engine) {
        this.socket = socket;
        this.engine = engine;
        int packet = engine.getSession().getPacketBufferSize();
        this.netIn = ByteBuffer.allocate(packet);
        this.netOut = ByteBuffer.allocate(packet);
        this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize()).flip();
    }

    /**
     * Returns the socket underneath.
     *
     * @return the socket underneath
     */
    public Socket socket() {
        return socket;
    }

    /**
     * Returns the engine, e.g. for the negotiated ALPN protocol or the peer's certificates.
     *
     * @return the engine, e
     */
    public SSLEngine engine() {
        return engine;
    }

    /**
     * Returns the ALPN protocol agreed on, or null.
     *
     * @return the ALPN protocol agreed on, or null
     */
    public String applicationProtocol() {
        String p = engine.getApplicationProtocol();
        return p == null || p.isEmpty() ? null : p;
    }

    /**
     * Performs the handshake now (it also runs on first use). A cancellation point.
     *
     * @throws IOException if the I/O fails
     */
    public void handshake() throws IOException {
        if (handshaken) {
            return;
        }
        engine.beginHandshake();
        while (true) {
            switch (engine.getHandshakeStatus()) {
                case NEED_WRAP -> wrapAndSend(EMPTY);
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    if (!unwrapRecord()) {
                        throw new SSLHandshakeException("the peer closed the connection during the TLS handshake");
                    }
                }
                case NEED_TASK -> runTasks();
                case FINISHED, NOT_HANDSHAKING -> {
                    handshaken = true;
                    return;
                }
            }
        }
    }

    private void runTasks() {
        Runnable task;
        // A kernel whose backend refuses thread waits (a simulation: threads finish in real time) runs the
        // engine's work, which is computation alone, in the task, where it is just as deterministic.
        boolean inline = !curio.api.trap.Traps.capability("TLS", curio.api.spi.ThreadWaits.class).allowed();
        while ((task = engine.getDelegatedTask()) != null) {
            Runnable t = task;
            if (inline) {
                t.run();
                continue;
            }
            Curio.runInThread(() -> {
                t.run();
                return null;
            });
        }
    }

    /** Unwraps one record into appIn; returns false at the transport's end of stream. */
    private boolean unwrapRecord() throws IOException {
        while (true) {
            netIn.flip();
            appIn.compact();
            SSLEngineResult r;
            try {
                r = engine.unwrap(netIn, appIn);
            } finally {
                appIn.flip();
                netIn.compact();
            }
            switch (r.getStatus()) {
                case OK -> {
                    return true;
                }
                case CLOSED -> {
                    inboundDone = true;
                    return true;
                }
                case BUFFER_OVERFLOW -> appIn = grow(appIn, engine.getSession().getApplicationBufferSize(), true);
                case BUFFER_UNDERFLOW -> {
                    if (!netIn.hasRemaining()) {
                        netIn = grow(netIn, engine.getSession().getPacketBufferSize(), false);
                    }
                    int n = socket.recvRaw(netIn.array(), netIn.position(), netIn.remaining());
                    if (n == 0) {
                        return false;
                    }
                    netIn.position(netIn.position() + n);
                }
            }
        }
    }

    private static ByteBuffer grow(ByteBuffer b, int atLeast, boolean readMode) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(atLeast, b.capacity() * 2));
        if (readMode) {
            bigger.put(b).flip();
        } else {
            b.flip();
            bigger.put(b);
        }
        return bigger;
    }

    private void wrapAndSend(ByteBuffer src) throws IOException {
        while (true) {
            netOut.clear();
            SSLEngineResult r = engine.wrap(src, netOut);
            switch (r.getStatus()) {
                case OK, CLOSED -> {
                    netOut.flip();
                    if (netOut.hasRemaining()) {
                        socket.sendAllRaw(netOut.array(), 0, netOut.limit());
                    }
                    if (r.getStatus() == SSLEngineResult.Status.CLOSED && src.hasRemaining()) {
                        throw new SSLException("the TLS connection is closed for writing");
                    }
                    if (r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                        runTasks();
                    }
                    return;
                }
                case BUFFER_OVERFLOW -> netOut = ByteBuffer.allocate(Math.max(netOut.capacity() * 2,
                        engine.getSession().getPacketBufferSize()));
                case BUFFER_UNDERFLOW -> throw new SSLException("unexpected BUFFER_UNDERFLOW from wrap");
            }
        }
    }

    // Invariant: b is written only at the end, after the last wait, so that a caller may pass an array
    // shared by every task of the kernel (Socket.scratch).
    @Override
    public int recvInto(byte[] b, int off, int len) throws IOException {
        socket.requireUsable("TlsConnection.recvInto()"); // before the bytes already unwrapped are handed out
        handshake();
        while (!appIn.hasRemaining()) {
            if (inboundDone || !unwrapRecord()) {
                return 0;
            }
            switch (engine.getHandshakeStatus()) {
                case NEED_TASK -> runTasks();
                case NEED_WRAP -> wrapAndSend(EMPTY); // e.g. answering a close_notify or key update
                default -> { }
            }
        }
        int n = Math.min(len, appIn.remaining());
        appIn.get(b, off, n);
        return n;
    }

    @Override
    public void sendAll(byte[] b, int off, int len) throws IOException {
        socket.requireUsable("TlsConnection.sendAll()");
        handshake();
        ByteBuffer src = ByteBuffer.wrap(b, off, len);
        try {
            while (src.hasRemaining()) {
                wrapAndSend(src);
            }
        } catch (CancelledError e) {
            throw e.attach(new PartialIo.Sent(src.position() - off));
        }
    }

    /** Sends close_notify: the peer reads end of stream; this side can still read. */
    @Override
    public void shutdownOutput() throws IOException {
        socket.requireUsable("TlsConnection.shutdownOutput()");
        if (engine.isOutboundDone()) {
            return;
        }
        engine.closeOutbound();
        while (!engine.isOutboundDone()) {
            wrapAndSend(EMPTY);
        }
    }

    /** Sends close_notify (if the handshake was done) and closes the socket; idempotent. */
    @Override
    public void close() throws IOException {
        socket.requireUsable("TlsConnection.close()"); // a refused close changes nothing
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (handshaken && !engine.isOutboundDone() && !socket.isClosed()) {
                shutdownOutput();
            }
        } catch (IOException peerGone) {
            // the peer may already have closed; closing the socket is what matters
        } finally {
            socket.close();
        }
    }

    @Override
    public boolean usableHere() {
        return socket.usableHere();
    }

    @Override
    public void requireUsable(String call) {
        socket.requireUsable(call);
    }

    @Override
    public String toString() {
        return "TlsConnection[" + socket + ", " + engine.getSession().getProtocol() + "]";
    }
}
