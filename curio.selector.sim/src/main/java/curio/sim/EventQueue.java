package curio.sim;

import java.util.Arrays;

/**
 * The network's events by (time, sequence), and how they are made and run: a binary min-heap in an array. Unlike a
 * {@code PriorityQueue} it can replace its earliest event with a flow's next one in a single sift
 * ({@link #replaceFirst}), which is what most arrivals do. Invariant: {@code heap[i]} comes no later
 * than its children {@code heap[2i+1]} and {@code heap[2i+2]}; sequences are unique, so the order in
 * which events leave is fully determined by their keys and not by the heap's shape.
 */
final class EventQueue {

    /**
     * Something due at {@code at}; {@code seq} orders the entries of one instant. Either an {@link Event},
     * which runs its action, or a flow's {@link Arrivals}, standing in the queue for its earliest segment.
     */
    abstract static class Entry {
        long at;
        long seq;
    }

    /** A one-time event: runs its action when due. */
    static final class Event extends Entry {
        final Runnable action;

        Event(long at, long seq, Runnable action) {
            this.at = at;
            this.seq = seq;
            this.action = action;
        }
    }

    private long sequence; // of the next entry: orders the entries of one instant

    long nextEventTime() {
        Entry e = peek();
        return e == null ? curio.api.spi.BackendClock.NO_EVENT : e.at;
    }

    /** Runs every event due at or before {@code now}, in order; a flow's arrivals go to {@code tcp}. */
    void runDue(long now, Tcp tcp) {
        Entry e;
        while ((e = peek()) != null && e.at <= now) {
            if (e instanceof Arrivals a) {
                byte[] segment = a.poll();
                if (a.isEmpty()) {
                    removeFirst();
                } else { // its flow's next arrival takes its place in the queue
                    replaceFirst(a);
                }
                if (segment == FIN_SEGMENT) {
                    tcp.finArrives(a.flow);
                } else {
                    tcp.segmentArrives(a.flow, segment);
                }
            } else {
                removeFirst();
                ((Event) e).action.run();
            }
        }
    }

    /** The segment of a flow's FIN event. */
    static final byte[] FIN_SEGMENT = new byte[0];

    /** Runs {@code action} at {@code at}, after everything scheduled for that instant before it. */
    void schedule(long at, Runnable action) {
        add(new Event(at, sequence++, action));
    }

    /**
     * Schedules the arrival of {@code segment} on {@code f}. A flow's arrivals come due in the order they are
     * made (they never overtake each other), so only the earliest of each flow needs a place in the queue: its
     * {@link Arrivals} stand there for it, and the queue holds one entry per busy flow instead of every segment
     * in flight. Entries still come due in exactly the (time, sequence) order of one queue of them all.
     */
    void onFlow(Flow f, long at, byte[] segment) {
        Arrivals a = f.due;
        boolean idle = a.isEmpty();
        a.add(at, sequence++, segment);
        if (idle) {
            add(a);
        }
    }

    private Entry[] heap = new Entry[64];
    private int size;

    /** The earliest event, or null. */
    Entry peek() {
        return size == 0 ? null : heap[0];
    }

    void add(Entry e) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            Entry p = heap[parent];
            if (!before(e, p)) {
                break;
            }
            heap[i] = p;
            i = parent;
        }
        heap[i] = e;
    }

    /** Removes the earliest event. */
    void removeFirst() {
        Entry last = heap[--size];
        heap[size] = null;
        if (size > 0) {
            siftDown(last);
        }
    }

    /** Removes the earliest event and adds {@code e}, in one pass down the heap. */
    void replaceFirst(Entry e) {
        siftDown(e);
    }

    void clear() {
        for (int i = 0; i < size; i++) {
            if (heap[i] instanceof Arrivals a) {
                a.clear(); // keeps "queued while not empty"
            }
        }
        Arrays.fill(heap, 0, size, null);
        size = 0;
    }

    /** Puts {@code e} at the root's place and moves it down to where it belongs. */
    private void siftDown(Entry e) {
        int i = 0;
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            Entry c = heap[child];
            int right = child + 1;
            if (right < size && before(heap[right], c)) {
                child = right;
                c = heap[child];
            }
            if (!before(c, e)) {
                break;
            }
            heap[i] = c;
            i = child;
        }
        heap[i] = e;
    }

    private static boolean before(Entry a, Entry b) {
        return a.at < b.at || (a.at == b.at && a.seq < b.seq);
    }
}
