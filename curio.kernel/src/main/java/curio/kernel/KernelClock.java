package curio.kernel;

/**
 * The kernel's monotonic clock in nanoseconds: real ({@link System#nanoTime()}) or virtual.
 * <p>A virtual clock starts at 0 and moves only when the kernel says: it jumps to the next deadline
 * when every task waits on time alone, and follows real time while a task waits on I/O or a thread.
 */
abstract sealed class KernelClock {

    abstract long now();

    /** Virtual only: moves time forward; real clocks ignore it. */
    abstract void advance(long nanos);

    abstract boolean virtual();

    static KernelClock real() {
        return new Real();
    }

    static KernelClock virtualClock() {
        return new Virtual();
    }

    static final class Real extends KernelClock {
        @Override long now() { return System.nanoTime(); }
        @Override void advance(long nanos) {}
        @Override boolean virtual() { return false; }
    }

    static final class Virtual extends KernelClock {
        private long now; // kernel thread only
        @Override long now() { return now; }
        @Override void advance(long nanos) { if (nanos > 0) now += nanos; }
        @Override boolean virtual() { return true; }
    }
}
