package curio.process;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.PrintWriter;
import java.io.Serializable;
import java.io.StringWriter;

/**
 * The main program of a worker JVM started by {@link Workers}: reads framed, serialized calls on stdin,
 * runs each, and writes a framed, serialized {@link Reply} on stdout. What the work prints to
 * System.out goes to stderr, so it cannot corrupt the protocol. Exits at the end of stdin.
 */
public final class WorkerMain {

    /**
     * One call's outcome. Exactly one of value and error is meaningful.
     *
     * @param ok whether it succeeded
     * @param value the value
     * @param error the error
     * @param remoteTrace the remote stack trace, as text
     */
    record Reply(boolean ok, Object value, Throwable error, String remoteTrace) implements Serializable {}

    /**
     * A call: the work, and the calling task's context as text for this process (a W3C traceparent, say), by the
     * class name of the context carrier that wrote it ({@code ContextCarrier.encodeAll}).
     *
     * @param work the work
     * @param context the context texts; empty when there is none
     */
    record Request(SerializableCallable<?> work, java.util.Map<String, String> context) implements Serializable {}

    private WorkerMain() {}

    static final ObjectInputFilter LIMITS = ObjectInputFilter.Config.createFilter("maxdepth=100;maxbytes=" + (256 << 20));

    /**
     * Serves calls until stdin ends.
     *
     * @param args ignored
     * @throws IOException if the I/O fails
     */
    public static void main(String[] args) throws IOException {
        DataOutputStream out = new DataOutputStream(new FileOutputStream(FileDescriptor.out));
        System.setOut(System.err);
        DataInputStream in = new DataInputStream(System.in);
        while (true) {
            byte[] request;
            try {
                int size = in.readInt();
                request = in.readNBytes(size); // grows as bytes come: a bad length cannot allocate up front
                if (request.length < size) {
                    throw new EOFException("the request ended after " + request.length + " of " + size + " bytes");
                }
            } catch (EOFException end) {
                return;
            }
            byte[] reply = encode(run(request));
            out.writeInt(reply.length);
            out.write(reply);
            out.flush();
        }
    }

    private static Reply run(byte[] request) {
        try (ObjectInputStream ois = new ObjectInputStream(new ByteArrayInputStream(request))) {
            ois.setObjectInputFilter(LIMITS);
            Request call = (Request) ois.readObject();
            // the caller's context installed by this JVM's carriers of the same names, cleared after
            return new Reply(true, curio.api.spi.ContextCarrier.callWith(call.context(), call.work()), null, null);
        } catch (Throwable t) {
            return new Reply(false, null, t, trace(t));
        }
    }

    private static byte[] encode(Reply reply) {
        try {
            return serialize(reply);
        } catch (IOException cannot) { // e.g. a result or an exception that is not serializable
            Throwable t = reply.ok() ? cannot : reply.error();
            String text = reply.ok() ? "the result could not be serialized: " + cannot : trace(t);
            try {
                return serialize(new Reply(false, null, null, text));
            } catch (IOException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }

    private static byte[] serialize(Object o) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream oos = new ObjectOutputStream(bytes)) {
            oos.writeObject(o);
        }
        return bytes.toByteArray();
    }

    static String trace(Throwable t) {
        StringWriter s = new StringWriter();
        t.printStackTrace(new PrintWriter(s));
        return s.toString();
    }
}
