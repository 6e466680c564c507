package curio.sim;

import java.util.Arrays;

/**
 * One flow's segments on the wire, in the order they arrive: the flow's place in the network's event queue.
 * A flow's arrivals never overtake each other, so the queue needs only the earliest of each flow: this object
 * stands in the queue keyed by its head (its {@code at} and {@code seq} are the head's), and the rest wait
 * here, in parallel arrays, with no object per segment.
 * <p>Invariants: the ring holds {@code count} arrivals from {@code first}, in increasing (time, sequence)
 * order; it is in the event queue exactly while it is not empty; {@code at} and {@code seq} are those of
 * {@code segments[first]} while it is not empty. Kernel thread only.
 */
final class Arrivals extends EventQueue.Entry {

    final Flow flow;
    private long[] times = new long[8];
    private long[] sequences = new long[8];
    private byte[][] segments = new byte[8][];
    private int first;
    private int count;

    Arrivals(Flow flow) {
        this.flow = flow;
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** Adds the arrival of {@code segment} (or {@link EventQueue#FIN_SEGMENT}) at {@code time}, after the others. */
    void add(long time, long sequence, byte[] segment) {
        if (count == segments.length) {
            grow();
        }
        int i = (first + count++) & (segments.length - 1);
        times[i] = time;
        sequences[i] = sequence;
        segments[i] = segment;
        if (count == 1) {
            at = time;
            seq = sequence;
        }
    }

    /** Takes the earliest arrival's segment; the next one, if any, becomes the head. */
    byte[] poll() {
        byte[] segment = segments[first];
        segments[first] = null;
        first = (first + 1) & (segments.length - 1);
        if (--count > 0) {
            at = times[first];
            seq = sequences[first];
        }
        return segment;
    }

    /** Forgets every arrival (the network closed). */
    void clear() {
        Arrays.fill(segments, null);
        first = 0;
        count = 0;
    }

    private void grow() {
        int n = segments.length;
        long[] t = new long[2 * n];
        long[] s = new long[2 * n];
        byte[][] g = new byte[2 * n][];
        for (int k = 0; k < count; k++) {
            int i = (first + k) & (n - 1);
            t[k] = times[i];
            s[k] = sequences[i];
            g[k] = segments[i];
        }
        times = t;
        sequences = s;
        segments = g;
        first = 0;
    }
}
