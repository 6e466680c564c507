package curio.kernel;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;

/**
 * Tells the virtual carrier when its tasks stopped because the heap is full, which the JVM does not
 * report: a virtual thread that parks saves its stack in the heap, and when that allocation fails the
 * JVM parks it on its carrier thread instead, without an error. Once every carrier thread is pinned so,
 * the thread holding the kernel's baton never runs again and {@code Kernel.run} would hang, silent.
 * <p>The poller asks about once a second. Stalled means: no hand-off since the last two checks, and
 * the heap still at least {@value #FULL_PERCENT}% full after the last collection. A long computation
 * in one task also makes no hand-off; with a heap that full it is about to fail anyway.
 */
final class StarvedByFullHeap {

    static final long CHECK_NANOS = 1_000_000_000L;
    private static final int FULL_PERCENT = 95;
    private static final int STALLED_CHECKS = 2;

    private int lastHandOffs = -1;
    private int stalledChecks;

    /** Returns the error that must end the kernel, or null while it is moving or memory is not the cause. */
    OutOfMemoryError check(int handOffs) {
        if (handOffs != lastHandOffs) {
            lastHandOffs = handOffs;
            stalledChecks = 0;
            return null;
        }
        if (++stalledChecks < STALLED_CHECKS) {
            return null;
        }
        long max = Runtime.getRuntime().maxMemory();
        long used = usedAfterLastCollection();
        if (max == Long.MAX_VALUE || used * 100 < max * FULL_PERCENT) {
            return null;
        }
        return new OutOfMemoryError("Java heap space: the heap is full (" + used / (1 << 20) + " of "
                + max / (1 << 20) + " MiB in use after collection) and the virtual carrier's tasks stopped:"
                + " the JVM can no longer save a parked virtual thread's stack, so it pins it to its carrier"
                + " thread. Give the JVM more heap (-Xmx), or run on the continuation carrier, which reports"
                + " this at once.");
    }

    private static long usedAfterLastCollection() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage afterGc = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
            if (afterGc != null) {
                used += afterGc.getUsed();
            }
        }
        return used;
    }
}
