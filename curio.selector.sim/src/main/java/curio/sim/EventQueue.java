package curio.sim;

import java.util.Arrays;

/**
 * The network's events by (time, sequence): a binary min-heap in an array. Unlike a
 * {@code PriorityQueue} it can replace its earliest event with a flow's next one in a single sift
 * ({@link #replaceFirst}), which is what most arrivals do. Invariant: {@code heap[i]} comes no later
 * than its children {@code heap[2i+1]} and {@code heap[2i+2]}; sequences are unique, so the order in
 * which events leave is fully determined by their keys and not by the heap's shape.
 */
final class EventQueue {

    private SimNetwork.Event[] heap = new SimNetwork.Event[64];
    private int size;

    /** The earliest event, or null. */
    SimNetwork.Event peek() {
        return size == 0 ? null : heap[0];
    }

    void add(SimNetwork.Event e) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            SimNetwork.Event p = heap[parent];
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
        SimNetwork.Event last = heap[--size];
        heap[size] = null;
        if (size > 0) {
            siftDown(last);
        }
    }

    /** Removes the earliest event and adds {@code e}, in one pass down the heap. */
    void replaceFirst(SimNetwork.Event e) {
        siftDown(e);
    }

    void clear() {
        Arrays.fill(heap, 0, size, null);
        size = 0;
    }

    /** Puts {@code e} at the root's place and moves it down to where it belongs. */
    private void siftDown(SimNetwork.Event e) {
        int i = 0;
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            SimNetwork.Event c = heap[child];
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

    private static boolean before(SimNetwork.Event a, SimNetwork.Event b) {
        return a.at() < b.at() || (a.at() == b.at() && a.seq() < b.seq());
    }
}
