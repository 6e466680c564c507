package curio.sync;

/**
 * A semaphore whose value may never rise above its start: releasing more than was acquired raises
 * {@link IllegalStateException}. (Curio removed it in 2019; it is kept here because the mistake it
 * catches is common.)
 */
public final class BoundedSemaphore extends Semaphore {

    private final int bound;

    /**
     * Creates a semaphore with {@code n} permits, at most.
     *
     * @param n the initial and greatest count of permits
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public BoundedSemaphore(int n) {
        super(n);
        this.bound = n;
    }

    @Override
    void checkRelease(int current) {
        if (current >= bound) {
            throw new IllegalStateException("BoundedSemaphore released too many times: value " + current
                    + " is already at its bound " + bound);
        }
    }

    /**
     * Returns the bound given at construction.
     *
     * @return the bound given at construction
     */
    public int bound() {
        return bound;
    }
}
