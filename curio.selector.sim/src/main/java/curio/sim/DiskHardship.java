package curio.sim;

import java.time.Duration;

/**
 * What a simulated disk does to the programs that use it: how long its operations take, how often they
 * fail, how much it holds, and whether a power cut may tear a write. Part of a {@link Hardship}
 * ({@link Hardship#disk(DiskHardship)}), or a host's own ({@link SimHost#diskHardship(DiskHardship)}).
 * <pre>{@code
 * Hardship h = Hardship.ROUGH.disk(DiskHardship.NONE.errors(0.01).capacity(1 << 20));
 * }</pre>
 *
 * @param latency the least time a read, write or name operation takes
 * @param jitter the most time, drawn evenly from zero up to it, added to each operation
 * @param syncLatency the least time a {@code sync} or {@code syncDirectory} takes (a sync is slower than a write)
 * @param errors the chance that a write or a sync fails with an I/O error ({@code EIO}); a failed write
 *     writes nothing, a failed sync leaves what it covered not durable for good (Linux drops the pages)
 * @param capacity the bytes the disk holds (the sizes of its files), past which a write fails with "No
 *     space left on device"; 0 for no limit
 * @param tornWrites whether a power cut may tear the last write it keeps of a file at a 4 KiB block boundary
 */
public record DiskHardship(Duration latency, Duration jitter, Duration syncLatency, double errors, long capacity,
                           boolean tornWrites) {

    /** An ideal disk: instant, never failing, unbounded; a power cut tears no write. */
    public static final DiskHardship NONE = new DiskHardship(Duration.ZERO, Duration.ZERO, Duration.ZERO, 0, 0, false);

    /** A real disk on a bad day: 50 us to 1 ms an operation, 2 ms a sync, torn writes in a power cut. */
    public static final DiskHardship ROUGH = new DiskHardship(Duration.ofNanos(50_000), Duration.ofNanos(950_000),
            Duration.ofMillis(2), 0, 0, true);

    /**
     * Checks every field, naming the one that is wrong.
     *
     * @param latency the least time an operation takes, at most {@link Hardship#MAX_DELAY}
     * @param jitter the most time added to it, at most {@link Hardship#MAX_DELAY}
     * @param syncLatency the least time a sync takes, at most {@link Hardship#MAX_DELAY}
     * @param errors a chance between 0 and 1
     * @param capacity bytes, 0 for no limit
     * @param tornWrites whether a power cut may tear a write
     */
    public DiskHardship {
        Hardship.delay("disk.latency", latency);
        Hardship.delay("disk.jitter", jitter);
        Hardship.delay("disk.syncLatency", syncLatency);
        Hardship.chance("disk.errors", errors);
        if (capacity < 0) {
            throw new IllegalArgumentException("Hardship.disk.capacity is bytes, 0 for no limit, got " + capacity);
        }
    }

    /**
     * Returns this hardship with other delays.
     *
     * @param latency the least time a read, write or name operation takes
     * @param jitter the most time added to each
     * @param syncLatency the least time a sync takes
     * @return a new hardship; this one is unchanged
     */
    public DiskHardship latency(Duration latency, Duration jitter, Duration syncLatency) {
        return new DiskHardship(latency, jitter, syncLatency, errors, capacity, tornWrites);
    }

    /**
     * Returns this hardship with another chance of I/O errors.
     *
     * @param chance the chance that a write or a sync fails with {@code EIO}
     * @return a new hardship; this one is unchanged
     */
    public DiskHardship errors(double chance) {
        return new DiskHardship(latency, jitter, syncLatency, chance, capacity, tornWrites);
    }

    /**
     * Returns this hardship with another capacity.
     *
     * @param bytes what the disk holds, 0 for no limit
     * @return a new hardship; this one is unchanged
     */
    public DiskHardship capacity(long bytes) {
        return new DiskHardship(latency, jitter, syncLatency, errors, bytes, tornWrites);
    }

    /**
     * Returns this hardship with torn writes on or off.
     *
     * @param torn whether a power cut may tear the last write it keeps of a file at a 4 KiB boundary
     * @return a new hardship; this one is unchanged
     */
    public DiskHardship tornWrites(boolean torn) {
        return new DiskHardship(latency, jitter, syncLatency, errors, capacity, torn);
    }
}
