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
     * Something due at {@code at}; {@code seq} orders events of one instant. An event of a flow (see
     * onFlow) is the arrival of {@code segment} on {@code flow}, or of its FIN when the segment is
     * {@link #FIN_SEGMENT}: no closure per segment. Any other event runs its {@code action}.
     */
    record Event(long at, long seq, Runnable action, Flow flow, byte[] segment) {}

    private long sequence; // of the next event: orders the events of one instant

    long nextEventTime() {
        Event e = peek();
        return e == null ? curio.api.spi.BackendClock.NO_EVENT : e.at();
    }

    /** Runs every event due at or before {@code now}, in order; a flow's arrivals go to {@code tcp}. */
    void runDue(long now, Tcp tcp) {
        Event e;
        while ((e = peek()) != null && e.at() <= now) {
            Flow f = e.flow();
            Event next = f != null ? f.due.pollFirst() : null;
            if (next != null) { // its flow's next event takes its place in the queue
                replaceFirst(next);
            } else {
                removeFirst();
                if (f != null) {
                    f.dueQueued = false;
                }
            }
            if (f == null) {
                e.action().run();
            } else if (e.segment() == FIN_SEGMENT) {
                tcp.finArrives(f);
            } else {
                tcp.segmentArrives(f, e.segment());
            }
        }
    }

    /** The segment of a flow's FIN event. */
    static final byte[] FIN_SEGMENT = new byte[0];

    /** Runs {@code action} at {@code at}, after everything scheduled for that instant before it. */
    void schedule(long at, Runnable action) {
        add(new Event(at, sequence++, action, null, null));
    }

    /**
     * Schedules an event of one flow. A flow's events come due in the order they are made (its arrivals
     * never overtake each other), so only the earliest of each flow needs a place in the queue: the rest
     * wait in the flow, in order, and the queue holds one event per busy flow instead of every segment
     * in flight. Events still come due in exactly the (time, sequence) order of one queue of them all.
     */
    void onFlow(Flow f, long at, byte[] segment) {
        Event e = new Event(at, sequence++, null, f, segment);
        if (f.dueQueued) {
            f.due.addLast(e);
        } else {
            f.dueQueued = true;
            add(e);
        }
    }

    private Event[] heap = new Event[64];
    private int size;

    /** The earliest event, or null. */
    Event peek() {
        return size == 0 ? null : heap[0];
    }

    void add(Event e) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            Event p = heap[parent];
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
        Event last = heap[--size];
        heap[size] = null;
        if (size > 0) {
            siftDown(last);
        }
    }

    /** Removes the earliest event and adds {@code e}, in one pass down the heap. */
    void replaceFirst(Event e) {
        siftDown(e);
    }

    void clear() {
        Arrays.fill(heap, 0, size, null);
        size = 0;
    }

    /** Puts {@code e} at the root's place and moves it down to where it belongs. */
    private void siftDown(Event e) {
        int i = 0;
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            Event c = heap[child];
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

    private static boolean before(Event a, Event b) {
        return a.at() < b.at() || (a.at() == b.at() && a.seq() < b.seq());
    }
}
