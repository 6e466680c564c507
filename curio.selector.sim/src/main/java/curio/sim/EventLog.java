package curio.sim;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Every event a run recorded, in order, for the determinism check: two runs of one seed must record the same
 * events, and where they part is where something outside the simulation leaked in. Kept only when a run is
 * checked (five longs per event), never in an ordinary run, whose trace is a hash alone.
 * <p>Each event also keeps where it happened: the task running then and its host (the last {@code RUN} before it),
 * so a report can say which part of the program parted first. That is not compared: the task's own
 * {@code RUN} event already is.
 */
final class EventLog {

    private static final int WIDTH = 5; // kind, a, b, simulated time, (task << 32 | host + 1) running then

    private long[] events = new long[WIDTH * 1024];
    private int count;
    private long where;          // the task running now and its host, as stored per event; 0 before the first
    private List<String> hosts = List.of(); // names by index, filled in when the run ends

    void add(int kind, long a, long b, long at) {
        if (WIDTH * count + WIDTH > events.length) {
            events = Arrays.copyOf(events, 2 * events.length);
        }
        int i = WIDTH * count++;
        events[i] = kind;
        events[i + 1] = a;
        events[i + 2] = b;
        events[i + 3] = at;
        events[i + 4] = where;
    }

    /** From now on events happen in task {@code task}, on the host with index {@code host}. */
    void running(int task, int host) {
        where = (long) task << 32 | (host + 1L);
    }

    /** Names the hosts by index once the run is over, for {@link #describe}. */
    void hosts(List<String> names) {
        hosts = List.copyOf(names);
    }

    int size() {
        return count;
    }

    /** The index of the first event where the two logs differ, or -1 when they are the same. */
    static int firstDifference(EventLog x, EventLog y) {
        int n = Math.min(x.count, y.count);
        for (int i = 0; i < n; i++) {
            if (!Arrays.equals(x.events, WIDTH * i, WIDTH * i + 4, y.events, WIDTH * i, WIDTH * i + 4)) {
                return i;
            }
        }
        return x.count == y.count ? -1 : n;
    }

    /** Event {@code i} in words: what happened, to which socket or task, when, and in which task on which host. */
    String describe(int i) {
        if (i >= count) {
            return "nothing: the run had ended after " + count + " events";
        }
        int at = WIDTH * i;
        long w = events[at + 4];
        int host = (int) w - 1;
        String place = w == 0 ? "before any task ran"
                : "in task " + (w >>> 32) + " on host '" + (host < hosts.size() ? hosts.get(host) : "#" + host) + "'";
        return Trace.kindName((int) events[at]) + " (" + events[at + 1] + ", " + events[at + 2] + ") at "
                + Duration.ofNanos(events[at + 3]) + " of simulated time, " + place;
    }

    /** The simulated time of event {@code i} in either log, for the report. */
    long timeOf(int i) {
        return i < count ? events[WIDTH * i + 3] : -1;
    }
}
