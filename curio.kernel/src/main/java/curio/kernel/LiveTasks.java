package curio.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * The kernel's tasks that have not ended, oldest first: an intrusive doubly linked list through
 * {@link KernelTask#olderLive}/{@link KernelTask#newerLive}, so spawning and ending a task allocate nothing here.
 * <p>Only shutdown and the monitor read it as a whole; the monitor's lookup by id walks it. Kernel thread only.
 */
final class LiveTasks {

    private KernelTask<?> oldest;
    private KernelTask<?> newest;
    private int size;

    void add(KernelTask<?> t) {
        t.olderLive = newest;
        if (newest == null) {
            oldest = t;
        } else {
            newest.newerLive = t;
        }
        newest = t;
        size++;
    }

    void remove(KernelTask<?> t) {
        KernelTask<?> older = t.olderLive;
        KernelTask<?> newer = t.newerLive;
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
    KernelTask<?> find(long id) {
        for (KernelTask<?> t = oldest; t != null; t = t.newerLive) {
            if (t.id() == id) {
                return t;
            }
        }
        return null;
    }

    /** Returns a copy, oldest (lowest id) first. */
    List<KernelTask<?>> snapshot() {
        List<KernelTask<?>> out = new ArrayList<>(size);
        for (KernelTask<?> t = oldest; t != null; t = t.newerLive) {
            out.add(t);
        }
        return out;
    }

    /** Every blocked task and what it waits on ({@link KernelTask#waitTarget()}), oldest first. */
    java.util.Map<curio.api.Task<?>, Object> waits() {
        java.util.Map<curio.api.Task<?>, Object> waits = new java.util.LinkedHashMap<>();
        for (KernelTask<?> t : snapshot()) {
            Object target = t.waitTarget();
            if (target != null) {
                waits.put(t, target);
            }
        }
        return waits;
    }
}
