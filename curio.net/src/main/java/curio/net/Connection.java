package curio.net;

import curio.api.trap.Traps;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A message connection over a stream (Curio's {@code curio.channel.Connection}): each message is a
 * 4-byte big-endian length and its payload, byte-compatible with Curio and with Python's
 * {@code multiprocessing} before 3.12 for byte messages. Objects travel through an {@link ObjectCodec}.
 * <pre>{@code
 * Connection c = channel.connect(key);
 * c.send(List.of(1, 2, 3));
 * Object reply = c.recv();
 * }</pre>
 * Every method must be called from a task.
 */
public final class Connection implements AutoCloseable {

    /** Largest message {@link #recvBytes()} accepts unless told otherwise: 64 MiB. */
    public static final int DEFAULT_MAX_MESSAGE = 64 << 20;

    private static final byte[] CHALLENGE = "#CHALLENGE#".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WELCOME = "#WELCOME#".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FAILURE = "#FAILURE#".getBytes(StandardCharsets.US_ASCII);
    private static final int NONCE = 20;
    private static final int LARGE = 16384;

    private final AsyncStream stream;
    // A send or a receive may suspend part-way. A second reader is refused by the socket before it
    // touches sizeIn (there is nothing buffered to copy while the first waits); a second sender is
    // refused here, before it could overwrite the frame the first is still sending.
    private final byte[] sizeIn = new byte[4];
    private byte[] frameOut = new byte[64];  // the header and, for a small message, its payload
    private boolean sending;
    private ObjectCodec codec = ObjectCodec.javaSerialization();

    /**
     * Creates a connection over a stream (usually a {@link SocketStream}).
     *
     * @param stream the stream
     */
    public Connection(AsyncStream stream) {
        this.stream = Objects.requireNonNull(stream, "stream");
    }

    /**
     * Replaces the object codec; returns this.
     *
     * @param newCodec the codec
     * @return this connection
     */
    public Connection codec(ObjectCodec newCodec) {
        this.codec = Objects.requireNonNull(newCodec, "codec");
        return this;
    }

    /**
     * Sends a whole byte array as one message; returns its size.
     *
     * @param buf the message, sent whole
     * @return {@code buf.length}, the message's size
     * @throws IOException if the I/O fails
     */
    public int sendBytes(byte[] buf) throws IOException {
        return sendBytes(buf, 0, buf.length);
    }

    /**
     * Sends {@code buf[offset, offset+size)} as one message; returns {@code size}.
     *
     * @param buf holds the message
     * @param offset the offset
     * @param size the size
     * @return {@code size}, the message's size
     * @throws IllegalArgumentException for a negative offset or size, or a range past the end
     * @throws IOException if the I/O fails
     */
    public int sendBytes(byte[] buf, int offset, int size) throws IOException {
        if (offset < 0) throw new IllegalArgumentException("offset is negative");
        if (buf.length < offset) throw new IllegalArgumentException("buffer length < offset");
        if (size < 0) throw new IllegalArgumentException("size is negative");
        if (offset + size > buf.length) throw new IllegalArgumentException("buffer length < offset + size");
        if (sending) {
            throw new curio.api.WriteResourceBusy("Connection.sendBytes(): another task is sending on this connection; one sender at a time");
        }
        int framed = size >= LARGE ? 4 : 4 + size; // a large payload goes out as it is, after its header
        if (frameOut.length < framed) {
            frameOut = new byte[Math.max(framed, 2 * frameOut.length)];
        }
        byte[] frame = frameOut;
        frame[0] = (byte) (size >>> 24);
        frame[1] = (byte) (size >>> 16);
        frame[2] = (byte) (size >>> 8);
        frame[3] = (byte) size;
        System.arraycopy(buf, offset, frame, 4, framed - 4);
        sending = true;
        try {
            stream.write(frame, 0, framed);
            if (size >= LARGE) {
                stream.write(buf, offset, size);
            }
        } finally {
            sending = false;
        }
        return size;
    }

    /**
     * Receives one message of at most {@value #DEFAULT_MAX_MESSAGE} bytes.
     *
     * @return the message
     * @throws IOException if the I/O fails
     */
    public byte[] recvBytes() throws IOException {
        return recvBytes(DEFAULT_MAX_MESSAGE);
    }

    /**
     * Receives one message.
     *
     * @param maxLength the longest message accepted, in bytes
     * @return the message
     * @throws IOException "Message too large" if it exceeds {@code maxLength}; the payload is drained
     *     first, so the connection stays usable (Curio 1.6 left it out of step, CURIO-SPEC 14.6)
     * @throws IncompleteReadException if the stream ends part-way
     */
    public byte[] recvBytes(int maxLength) throws IOException {
        int size = readSize();
        if (size > maxLength) {
            drain(size);
            throw new IOException("Message too large: " + size + " bytes, at most " + maxLength + " accepted");
        }
        return stream.readExactly(size);
    }

    /**
     * Receives one message into {@code buf} at {@code offset}; returns its size.
     *
     * @param buf where the message goes; it must have room for it from {@code offset}
     * @param offset the offset
     * @return the message's size, in bytes
     * @throws IOException "Message is too large to fit" (after draining it) if it does not fit
     */
    public int recvBytesInto(byte[] buf, int offset) throws IOException {
        int size = readSize();
        if (size > buf.length - offset) {
            drain(size);
            throw new IOException("Message is too large to fit: " + size + " bytes, room for " + (buf.length - offset));
        }
        stream.readExactlyInto(buf, offset, size);
        return size;
    }

    private int readSize() throws IOException {
        stream.readExactlyInto(sizeIn, 0, 4);
        int size = (sizeIn[0] & 0xff) << 24 | (sizeIn[1] & 0xff) << 16 | (sizeIn[2] & 0xff) << 8 | sizeIn[3] & 0xff;
        if (size < 0) {
            throw new IOException("negative message length " + size + ": the peer does not speak this framing");
        }
        return size;
    }

    private void drain(int size) throws IOException {
        for (int left = size; left > 0; ) {
            left -= stream.readExactly(Math.min(left, 65536)).length;
        }
    }

    /**
     * Sends an object through the codec.
     *
     * @param value the value
     * @throws IOException if the I/O fails
     */
    public void send(Object value) throws IOException {
        sendBytes(codec.encode(value));
    }

    /**
     * Receives an object through the codec.
     *
     * @return the object received
     * @throws IOException if the I/O fails
     */
    public Object recv() throws IOException {
        return codec.decode(recvBytes());
    }

    /**
     * Server side of the mutual HMAC authentication: challenge the peer, then answer its challenge.
     *
     * @param key the key
     * @throws IOException if the I/O fails
     */
    public void authenticateServer(byte[] key) throws IOException {
        deliverChallenge(key);
        answerChallenge(key);
    }

    /**
     * Client side of the mutual HMAC authentication: answer the peer, then challenge it.
     *
     * @param key the key
     * @throws IOException if the I/O fails
     */
    public void authenticateClient(byte[] key) throws IOException {
        answerChallenge(key);
        deliverChallenge(key);
    }

    private void deliverChallenge(byte[] key) throws IOException {
        byte[] nonce = new byte[NONCE];
        // the kernel's strong generator: the JDK's, or in a simulation one drawn from the seed, so a run replays
        Traps.capability("Connection", curio.api.spi.Randomness.class).secure().nextBytes(nonce);
        sendBytes(concat(CHALLENGE, nonce));
        byte[] response = recvBytes(256);
        if (MessageDigest.isEqual(response, hmac(key, nonce))) {
            sendBytes(WELCOME);
        } else {
            sendBytes(FAILURE);
            throw new AuthenticationError("digest received was wrong");
        }
    }

    private void answerChallenge(byte[] key) throws IOException {
        byte[] message = recvBytes(256);
        if (message.length < CHALLENGE.length
                || !Arrays.equals(message, 0, CHALLENGE.length, CHALLENGE, 0, CHALLENGE.length)) {
            throw new AuthenticationError("expected a challenge from the peer");
        }
        sendBytes(hmac(key, Arrays.copyOfRange(message, CHALLENGE.length, message.length)));
        if (!Arrays.equals(recvBytes(256), WELCOME)) {
            throw new AuthenticationError("digest sent was rejected");
        }
    }

    private static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacMD5"); // the multiprocessing scheme Curio keeps compatibility with
            mac.init(new SecretKeySpec(key, "HmacMD5"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacMD5 unavailable in this JDK", e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /**
     * Returns the stream underneath.
     *
     * @return the stream underneath
     */
    public AsyncStream stream() {
        return stream;
    }

    /** Closes the stream. */
    @Override
    public void close() throws IOException {
        stream.close();
    }
}
