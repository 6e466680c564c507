package curio.net;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Objects;

/**
 * How {@link Connection#send(Object)} and {@link Connection#recv()} turn objects into messages.
 * The default, {@link #javaSerialization()}, is guarded by an {@link ObjectInputFilter} that accepts
 * only {@code java.base} classes; {@link #javaSerialization(String)} widens it.
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
     *
     * @param message what happened
     * @return the object decoded
     * @throws IOException if the I/O fails
     */
    Object decode(byte[] message) throws IOException;

    /**
     * Java serialization accepting only {@code java.base} classes, 100 levels and 64 MiB at most.
     *
     * @return the codec
     */
    static ObjectCodec javaSerialization() {
        return javaSerialization("");
    }

    /**
     * Java serialization accepting {@code java.base} classes plus the given filter patterns, e.g.
     * {@code "com.example.model.*"} (syntax of {@link ObjectInputFilter.Config#createFilter}).
     *
     * @param allowedPatterns more {@link java.io.ObjectInputFilter} patterns, separated by {@code ;}
     * @return the codec
     */
    static ObjectCodec javaSerialization(String allowedPatterns) {
        Objects.requireNonNull(allowedPatterns, "allowedPatterns");
        String spec = "maxdepth=100;maxbytes=" + (64 << 20) + ";java.base/*;"
                + (allowedPatterns.isBlank() ? "" : allowedPatterns + ";") + "!*";
        ObjectInputFilter filter = ObjectInputFilter.Config.createFilter(spec);
        return new ObjectCodec() {
            @Override
            public byte[] encode(Object value) throws IOException {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                    out.writeObject(value);
                }
                return bytes.toByteArray();
            }

            @Override
            public Object decode(byte[] message) throws IOException {
                try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(message))) {
                    in.setObjectInputFilter(filter);
                    return in.readObject();
                } catch (InvalidClassException e) {
                    throw new InvalidClassException("object rejected by the channel's filter (" + spec + "): "
                            + e.getMessage());
                } catch (ClassNotFoundException e) {
                    throw new IOException("class of the received object is not here: " + e.getMessage(), e);
                }
            }
        };
    }
}
