package curio.net;

import java.io.IOException;
import java.io.ObjectInputFilter;

/**
 * How {@link Connection#send(Object)} and {@link Connection#recv()} turn objects into messages.
 * The default, {@link #javaSerialization()}, is guarded by an {@link ObjectInputFilter} that accepts
 * only {@code java.base} classes, and by {@link Limits} on what one message may cost;
 * {@link #javaSerialization(String)} widens the classes, {@link #javaSerialization(String, Limits)} the limits.
 */
public interface ObjectCodec {

    /**
     * Encodes an object.
     *
     * @param value the value
     * @return the bytes read
     * @throws IOException if the I/O fails
     */
    byte[] encode(Object value) throws IOException;

    /**
     * Decodes an object.
     *
     * @param message what happened
     * @return the object decoded
     * @throws IOException if the I/O fails
     */
    Object decode(byte[] message) throws IOException;

    /**
     * Java serialization accepting only {@code java.base} classes, within {@link Limits#DEFAULT}.
     *
     * @return the codec
     */
    static ObjectCodec javaSerialization() {
        return javaSerialization("");
    }

    /**
     * Java serialization accepting {@code java.base} classes plus the given filter patterns, e.g.
     * {@code "com.example.model.*"} (syntax of {@link ObjectInputFilter.Config#createFilter}), within
     * {@link Limits#DEFAULT}.
     *
     * @param allowedPatterns more {@link java.io.ObjectInputFilter} patterns, separated by {@code ;}
     * @return the codec
     */
    static ObjectCodec javaSerialization(String allowedPatterns) {
        return javaSerialization(allowedPatterns, Limits.DEFAULT);
    }

    /**
     * Java serialization accepting {@code java.base} classes plus the given filter patterns, within {@code limits}.
     *
     * @param allowedPatterns more {@link java.io.ObjectInputFilter} patterns, separated by {@code ;}
     * @param limits how much one message may make the decoder do
     * @return the codec
     */
    static ObjectCodec javaSerialization(String allowedPatterns, Limits limits) {
        return new JavaSerialization(allowedPatterns, limits);
    }

    /**
     * How much one received message may make the decoder do. A message past a limit fails its own
     * {@link Connection#recv()} with an {@link java.io.InvalidObjectException} naming the limit, before the work is
     * done: it cannot take the kernel's memory, nor hold the kernel thread from the other connections.
     * <p>Why these defaults: an array is never longer than the message that carries it (each element takes at
     * least a byte), so {@code arrayLength} is also capped by the message's size, and 27 bytes cannot announce a
     * 2 GiB array. Depth is what a hostile message turns into time: nested hash sets that share their members make
     * decoding hash 2<sup>depth</sup> times (1.5 KB at depth 26 held a kernel for 5 s), so the default, 15, keeps
     * the worst message to a few tens of milliseconds while a record holding maps of lists of records is depth 5.
     *
     * @param depth the deepest nesting of objects, 15 by default
     * @param references the most objects and references to them in one message, 10,000,000 by default
     * @param arrayLength the longest array, in elements, capped by the message's size in bytes; no other cap by default
     * @param bytes the longest message decoded, 64 MiB by default ({@link Connection#DEFAULT_MAX_MESSAGE})
     */
    record Limits(int depth, int references, int arrayLength, int bytes) {
        /** The limits of {@link #javaSerialization()}: depth 15, ten million references, 64 MiB. */
        public static final Limits DEFAULT = new Limits(15, 10_000_000, Integer.MAX_VALUE, Connection.DEFAULT_MAX_MESSAGE);

        /** Checks that every limit is positive, naming the one that is not. */
        public Limits {
            positive("depth", depth);
            positive("references", references);
            positive("arrayLength", arrayLength);
            positive("bytes", bytes);
        }

        private static void positive(String field, int value) {
            if (value <= 0) {
                throw new IllegalArgumentException("ObjectCodec.Limits: " + field + " must be positive, got " + value);
            }
        }
    }
}
