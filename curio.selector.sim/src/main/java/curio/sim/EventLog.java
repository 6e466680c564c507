package curio.sim;

import java.time.Duration;
import java.util.Arrays;

/**
 * Every event a run recorded, in order, for the determinism check: two runs of one seed must record the same
 * events, and where they part is where something outside the simulation leaked in. Kept only when a run is
 * checked (four longs per event), never in an ordinary run, whose trace is a hash alone.
 */
final class EventLog {

    private long[] events = new long[4 * 1024];
    private int count;

    void add(int kind, long a, long b, long at) {
        if (4 * count + 4 > events.length) {
            events = Arrays.copyOf(events, 2 * events.length);
        }
        int i = 4 * count++;
        events[i] = kind;
        events[i + 1] = a;
        events[i + 2] = b;
        events[i + 3] = at;
    }

    int size() {
        return count;
    }

    /** The index of the first event where the two logs differ, or -1 when they are the same. */
    static int firstDifference(EventLog x, EventLog y) {
        int n = Math.min(x.count, y.count);
        for (int i = 0; i < n; i++) {
            if (!Arrays.equals(x.events, 4 * i, 4 * i + 4, y.events, 4 * i, 4 * i + 4)) {
                return i;
            }
        }
        return x.count == y.count ? -1 : n;
    }

    /** Event {@code i} in words: what happened, to which socket or task, and when. */
    String describe(int i) {
        if (i >= count) {
            return "nothing: the run had ended after " + count + " events";
        }
        int at = 4 * i;
        return Trace.kindName((int) events[at]) + " (" + events[at + 1] + ", " + events[at + 2] + ") at "
                + Duration.ofNanos(events[at + 3]) + " of simulated time";
    }

    /** The simulated time of event {@code i} in either log, for the report. */
    long timeOf(int i) {
        return i < count ? events[4 * i + 3] : -1;
    }
}
