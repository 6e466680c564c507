package curio.sim;

import java.util.ArrayDeque;

/**
 * One direction of a simulated stream connection: what the writer has written but not yet sent (its
 * send buffer), the segments on the wire, and what has arrived but not yet been read (the reader's
 * receive buffer). Both buffers are bounded, and the writer sends only what the reader's buffer can
 * still take (its window), so a slow reader holds up a writer exactly as with TCP.
 * <p>Invariants: {@code queued <= sendCapacity}; {@code received + onTheWire <= receiveCapacity};
 * segments arrive in the order sent ({@code lastArrival} only grows); after {@code finSent} nothing more
 * is written; once {@code reset}, every read and write on either end fails.
 */
final class Flow {

    final SimSocket writer;
    final SimSocket reader;
    int sendCapacity;
    int receiveCapacity;

    private final Chunks unsent = new Chunks();
    private final Chunks received = new Chunks();
    int onTheWire;            // bytes sent and not yet arrived (or held)
    long lastArrival;         // arrival time of the last segment sent, to keep the order
    boolean finPending;       // the writer shut its output: send FIN once unsent is empty
    boolean finSent;
    boolean pumpScheduled;    // a pump waits for the wire to be free (Hardship.bandwidth)
    boolean finArrived;       // the reader sees end of stream once received is empty
    final ArrayDeque<Runnable> held = new ArrayDeque<>(); // arrivals waiting for a partition's repair
    final Arrivals due = new Arrivals(this); // its segments on the wire, in order: its place in the event queue
    boolean resetOnItsWay;    // the reader gave up and its reset to the writer is scheduled (SimNetwork.pump)
    long stalledSince = -1;   // when its bytes first could not cross a partition, or -1 (SimNetwork.stalled)

    Flow(SimSocket writer, SimSocket reader, int sendCapacity, int receiveCapacity) {
        this.writer = writer;
        this.reader = reader;
        this.sendCapacity = sendCapacity;
        this.receiveCapacity = receiveCapacity;
    }

    int unsentBytes() {
        return unsent.size;
    }

    int receivedBytes() {
        return received.size;
    }

    /** Takes up to {@code len} bytes into the send buffer; returns how many. */
    int write(byte[] b, int off, int len) {
        int n = Math.min(len, sendCapacity - unsent.size);
        if (n > 0) {
            unsent.add(b, off, n);
        }
        return n;
    }

    /** How many unsent bytes may go on the wire now: what the reader's buffer can still take. */
    int window() {
        return Math.min(unsent.size, receiveCapacity - received.size - onTheWire);
    }

    /** Takes {@code n} unsent bytes for a segment: the first chunk itself when it is exactly those bytes. */
    byte[] takeSegment(int n) {
        byte[] seg = unsent.takeWhole(n);
        if (seg == null) {
            seg = new byte[n];
            unsent.take(seg, 0, n);
        }
        onTheWire += n;
        return seg;
    }

    /** A segment arrived: it joins the received bytes as it is (the network owns it; nobody else holds it). */
    void arrived(byte[] seg) {
        onTheWire -= seg.length;
        received.addOwned(seg);
    }

    /** Reads up to {@code len} received bytes. */
    int read(byte[] b, int off, int len) {
        return received.take(b, off, Math.min(len, received.size));
    }

    /** Drops everything in both buffers (a reset or a crash). */
    void clear() {
        unsent.clear();
        received.clear();
        held.clear();
    }

    /** A byte queue made of the arrays written, copied once in and once out; segments pass between queues whole. */
    private static final class Chunks {
        private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
        private int head;  // bytes of the first chunk already taken
        int size;

        void add(byte[] b, int off, int len) {
            addOwned(java.util.Arrays.copyOfRange(b, off, off + len));
        }

        /** Adds an array nobody else will touch, without a copy. */
        void addOwned(byte[] b) {
            chunks.add(b);
            size += b.length;
        }

        /** Takes the first chunk whole if it is exactly the next {@code n} bytes; else null. */
        byte[] takeWhole(int n) {
            byte[] first = chunks.peek();
            if (head != 0 || first == null || first.length != n) {
                return null;
            }
            chunks.poll();
            size -= n;
            return first;
        }

        int take(byte[] into, int off, int len) {
            int done = 0;
            while (done < len) {
                byte[] first = chunks.peek();
                int n = Math.min(len - done, first.length - head);
                System.arraycopy(first, head, into, off + done, n);
                done += n;
                head += n;
                if (head == first.length) {
                    chunks.poll();
                    head = 0;
                }
            }
            size -= done;
            return done;
        }

        void clear() {
            chunks.clear();
            head = 0;
            size = 0;
        }
    }
}
