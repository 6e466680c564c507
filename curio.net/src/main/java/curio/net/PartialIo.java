package curio.net;

import java.util.List;

/**
 * What a cancelled or timed-out socket or stream operation had done, attached to the cancellation that
 * ended it (CURIO-SPEC 5.4; Curio's {@code bytes_sent}, {@code bytes_read} and {@code lines} attributes).
 * Read it with {@link curio.api.CancelledError#detail(Class)}:
 * <pre>{@code
 * try {
 *     Curio.timeoutAfter(Duration.ofSeconds(5), () -> stream.readExactly(1024));
 * } catch (TaskTimeout e) {
 *     byte[] got = e.detail(PartialIo.Read.class).map(PartialIo.Read::bytes).orElse(new byte[0]);
 * }
 * }</pre>
 * The byte arrays and lists are the operation's own copies, handed over: change them freely.
 */
public sealed interface PartialIo {

    /**
     * A cancelled {@code Socket.sendAll} or TLS send: Curio's {@code e.bytes_sent}.
     *
     * @param bytes how many bytes had been sent, from the start of the data
     */
    record Sent(long bytes) implements PartialIo {}

    /**
     * A cancelled stream {@code write} or {@code writeLines}: Curio's {@code e.bytes_written}.
     *
     * @param bytes how many bytes had been written, from the start of the data
     */
    record Written(long bytes) implements PartialIo {}

    /**
     * A cancelled {@code readAll} or {@code readExactly}: Curio's {@code e.bytes_read}.
     *
     * @param bytes the bytes read before the cancellation, in order
     */
    record Read(byte[] bytes) implements PartialIo {}

    /**
     * A cancelled {@code readLines}: Curio's {@code e.lines}.
     *
     * @param lines the complete lines read before the cancellation, each with its newline
     */
    record Lines(List<byte[]> lines) implements PartialIo {}
}
