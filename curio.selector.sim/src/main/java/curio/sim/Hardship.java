package curio.sim;

import java.time.Duration;

/**
 * How hard a simulated network is on the program, as probabilities and delays drawn from the
 * simulation's seed: the policy form of hardship (the programmable form is {@link SimNetwork#partition},
 * {@link SimNetwork#hold}, {@link SimHost#crash} and their inverses). Applies to the whole network
 * ({@link SimNetwork#hardship(Hardship)}) or to the link between two hosts ({@link SimNetwork#link}).
 * <pre>{@code
 * Hardship rough = Hardship.NONE
 *         .latency(Duration.ofMillis(5), Duration.ofMillis(20))   // 5 ms, plus up to 20 ms jitter
 *         .shortReads(0.5).shortWrites(0.3)                        // split what flows at random points
 *         .resets(0.001).refusals(0.05).drops(0.1);
 * }</pre>
 *
 * @param latency one-way delay of every segment and datagram
 * @param jitter up to this much more, uniformly (stream bytes still arrive in order)
 * @param shortReads chance that a read returns only part of what has arrived (at least one byte)
 * @param shortWrites chance that a write takes only part of what it was given (at least one byte),
 *                    and that what is sent travels as several segments split at random points
 * @param resets chance, per segment delivered, that the connection is reset instead
 * @param refusals chance that a connect is refused although a listener is there
 * @param drops chance that a datagram is lost
 * @param bandwidth bytes per simulated second a link carries each way, 0 for no limit: a large transfer over a
 *                  slow link takes its time, and a writer meets the backpressure of a full send buffer
 * @param disk what every simulated host's disk does ({@link DiskHardship}); a host may have its own
 */
public record Hardship(Duration latency, Duration jitter, double shortReads, double shortWrites, double resets,
                       double refusals, double drops, long bandwidth, DiskHardship disk) {

    /** The longest latency or jitter accepted: longer means nothing in a simulation, and sums of them must not overflow. */
    public static final Duration MAX_DELAY = Duration.ofDays(1);

    /** A perfect network: no delay, nothing split, lost or refused. */
    public static final Hardship NONE = new Hardship(Duration.ZERO, Duration.ZERO, 0, 0, 0, 0, 0, 0, DiskHardship.NONE);

    /**
     * What a test of framing and timeouts usually wants: 1-10 ms latency, most reads and writes split,
     * a few refusals and lost datagrams, rare resets; a disk of 50 us to 1 ms an operation that tears writes in
     * a power cut ({@link DiskHardship#ROUGH}).
     */
    public static final Hardship ROUGH = new Hardship(Duration.ofMillis(1), Duration.ofMillis(9), 0.5, 0.5, 0.0005,
            0.02, 0.05, 0, DiskHardship.ROUGH);

    /** Checks the values: durations from zero to {@link #MAX_DELAY}, chances between 0 and 1. */
    public Hardship {
        delay("latency", latency);
        delay("jitter", jitter);
        java.util.Objects.requireNonNull(disk, "Hardship.disk: DiskHardship.NONE for none");
        chance("shortReads", shortReads);
        chance("shortWrites", shortWrites);
        chance("resets", resets);
        chance("refusals", refusals);
        chance("drops", drops);
        if (bandwidth < 0) {
            throw new IllegalArgumentException("Hardship.bandwidth is bytes per second, 0 for no limit, got " + bandwidth);
        }
    }

    /**
     * The hardship of the first seven fields, with no bandwidth limit: the form before bandwidth existed.
     *
     * @param latency one-way delay of every segment and datagram
     * @param jitter up to this much more
     * @param shortReads chance of a short read
     * @param shortWrites chance of a short write and split segments
     * @param resets chance of a reset per segment
     * @param refusals chance of a refused connect
     * @param drops chance of a lost datagram
     */
    public Hardship(Duration latency, Duration jitter, double shortReads, double shortWrites, double resets,
                    double refusals, double drops) {
        this(latency, jitter, shortReads, shortWrites, resets, refusals, drops, 0, DiskHardship.NONE);
    }

    /**
     * The hardship of the first eight fields, with an ideal disk: the form before disks existed.
     *
     * @param latency one-way delay of every segment and datagram
     * @param jitter up to this much more
     * @param shortReads chance of a short read
     * @param shortWrites chance of a short write and split segments
     * @param resets chance of a reset per segment
     * @param refusals chance of a refused connect
     * @param drops chance of a lost datagram
     * @param bandwidth bytes per simulated second a link carries each way, 0 for no limit
     */
    public Hardship(Duration latency, Duration jitter, double shortReads, double shortWrites, double resets,
                    double refusals, double drops, long bandwidth) {
        this(latency, jitter, shortReads, shortWrites, resets, refusals, drops, bandwidth, DiskHardship.NONE);
    }

    /**
     * This hardship with another disk hardship, for every host without one of its own.
     *
     * @param disk what the hosts' disks do
     * @return a new hardship
     */
    public Hardship disk(DiskHardship disk) {
        return new Hardship(latency, jitter, shortReads, shortWrites, resets, refusals, drops, bandwidth, disk);
    }

    /**
     * This hardship with another bandwidth.
     *
     * @param bytesPerSecond what a link carries each way per simulated second; 0 for no limit
     * @return a new hardship
     */
    public Hardship bandwidth(long bytesPerSecond) {
        return new Hardship(latency, jitter, shortReads, shortWrites, resets, refusals, drops, bytesPerSecond, disk);
    }

    /**
     * This hardship with another delay.
     *
     * @param latency one-way delay of every segment and datagram
     * @param jitter up to this much more, drawn uniformly for each
     * @return a new hardship
     */
    public Hardship latency(Duration latency, Duration jitter) {
        return new Hardship(latency, jitter, shortReads, shortWrites, resets, refusals, drops, bandwidth, disk);
    }

    /**
     * This hardship with another chance of short reads.
     *
     * @param chance between 0 and 1
     * @return a new hardship
     */
    public Hardship shortReads(double chance) {
        return new Hardship(latency, jitter, chance, shortWrites, resets, refusals, drops, bandwidth, disk);
    }

    /**
     * This hardship with another chance of short writes and split segments.
     *
     * @param chance between 0 and 1
     * @return a new hardship
     */
    public Hardship shortWrites(double chance) {
        return new Hardship(latency, jitter, shortReads, chance, resets, refusals, drops, bandwidth, disk);
    }

    /**
     * This hardship with another chance of a reset per segment.
     *
     * @param chance between 0 and 1
     * @return a new hardship
     */
    public Hardship resets(double chance) {
        return new Hardship(latency, jitter, shortReads, shortWrites, chance, refusals, drops, bandwidth, disk);
    }

    /**
     * This hardship with another chance of a refused connect.
     *
     * @param chance between 0 and 1
     * @return a new hardship
     */
    public Hardship refusals(double chance) {
        return new Hardship(latency, jitter, shortReads, shortWrites, resets, chance, drops, bandwidth, disk);
    }

    /**
     * This hardship with another chance of a lost datagram.
     *
     * @param chance between 0 and 1
     * @return a new hardship
     */
    public Hardship drops(double chance) {
        return new Hardship(latency, jitter, shortReads, shortWrites, resets, refusals, chance, bandwidth, disk);
    }

    static void delay(String what, Duration d) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException("Hardship." + what + " must be zero or more, got " + d);
        }
        if (d.compareTo(MAX_DELAY) > 0) {
            throw new IllegalArgumentException("Hardship." + what + " must be at most " + MAX_DELAY + " (Hardship.MAX_DELAY),"
                    + " got " + d);
        }
    }

    static void chance(String what, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("Hardship." + what + " is a chance between 0 and 1, got " + p);
        }
    }
}
