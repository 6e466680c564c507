package curio.net;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.InvalidObjectException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Objects;

/**
 * {@link ObjectCodec#javaSerialization(String, ObjectCodec.Limits)}: Java serialization behind a filter that checks the
 * classes first, then the limits. The filter is consulted before every object, array and back-reference is made, and
 * before an array is allocated, so a message past a limit fails before it costs what it announces.
 */
final class JavaSerialization implements ObjectCodec {

    private final String spec;
    private final ObjectInputFilter classes;
    private final ObjectCodec.Limits limits;

    JavaSerialization(String allowedPatterns, ObjectCodec.Limits limits) {
        Objects.requireNonNull(allowedPatterns, "allowedPatterns");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.spec = "java.base/*;" + (allowedPatterns.isBlank() ? "" : allowedPatterns + ";") + "!*";
        this.classes = ObjectInputFilter.Config.createFilter(spec);
    }

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
        if (message.length > limits.bytes()) {
            throw new InvalidObjectException("message rejected: " + message.length + " bytes, more than the "
                    + limits.bytes() + " of ObjectCodec.Limits.bytes");
        }
        String[] exceeded = new String[1]; // why the filter said no, when a limit did
        int longestArray = Math.min(limits.arrayLength(), message.length);
        ObjectInputFilter filter = info -> {
            String why = null;
            if (info.depth() > limits.depth()) {
                why = "objects nested deeper than the " + limits.depth() + " levels of ObjectCodec.Limits.depth";
            } else if (info.references() > limits.references()) {
                why = "more than the " + limits.references() + " objects of ObjectCodec.Limits.references";
            } else if (info.arrayLength() > longestArray) {
                why = "an array of " + info.arrayLength() + " elements, longer than " + (longestArray == message.length
                        ? "the message's " + message.length + " bytes could carry"
                        : "the " + longestArray + " of ObjectCodec.Limits.arrayLength");
            }
            if (why != null) {
                exceeded[0] = why;
                return ObjectInputFilter.Status.REJECTED;
            }
            return info.serialClass() == null ? ObjectInputFilter.Status.UNDECIDED : classes.checkInput(info);
        };
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(message))) {
            in.setObjectInputFilter(filter);
            return in.readObject();
        } catch (InvalidClassException e) {
            if (exceeded[0] != null) {
                throw new InvalidObjectException("message rejected: " + exceeded[0]);
            }
            throw new InvalidClassException("object rejected by the channel's filter (" + spec + "): " + e.getMessage());
        } catch (ClassNotFoundException e) {
            throw new IOException("class of the received object is not here: " + e.getMessage(), e);
        }
    }
}
