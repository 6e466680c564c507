package curio.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * The kernel's tasks that have not ended, oldest first: an intrusive doubly linked list through
 * {@link KTask#olderLive}/{@link KTask#newerLive}, so spawning and ending a task allocate nothing here.
 * <p>Only shutdown and the monitor read it as a whole; the monitor's lookup by id walks it. Kernel thread only.
 */
final class LiveTasks {

    private KTask<?> oldest;
    private KTask<?> newest;
    private int size;

    void add(KTask<?> t) {
        t.olderLive = newest;
        if (newest == null) {
            oldest = t;
        } else {
            newest.newerLive = t;
        }
        newest = t;
        size++;
    }

    void remove(KTask<?> t) {
        KTask<?> older = t.olderLive;
        KTask<?> newer = t.newerLive;
        if (older == null) {
            oldest = newer;
        } else {
            older.newerLive = newer;
        }
        if (newer == null) {
            newest = older;
        } else {
            newer.olderLive = older;
        }
        t.olderLive = null;
        t.newerLive = null;
        size--;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Returns the live task with this id, or null. */
    KTask<?> find(long id) {
        for (KTask<?> t = oldest; t != null; t = t.newerLive) {
            if (t.id() == id) {
                return t;
            }
        }
        return null;
    }

    /** Returns a copy, oldest (lowest id) first. */
    List<KTask<?>> snapshot() {
        List<KTask<?>> out = new ArrayList<>(size);
        for (KTask<?> t = oldest; t != null; t = t.newerLive) {
            out.add(t);
        }
        return out;
    }
}
