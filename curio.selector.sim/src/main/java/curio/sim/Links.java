package curio.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The links between a network's hosts: the one place that decides what a link does to whatever crosses it now
 * ({@link #crossing}), and what crossing it costs (the link's {@link Hardship}: delay, chances, bandwidth).
 *
 * <h2>What crosses, and what happens to it</h2>
 * {@link #crossing} answers from the link's state at the moment something arrives, never at the moment it was
 * sent, so a partition made while a segment was in flight stops it (issue 26). Each protocol then acts on the
 * answer ({@link Tcp}, {@link Udp}):
 * <pre>
 *              OPEN        HELD (hold)            CUT (partition)            DARK (a host without power)
 * segment, FIN delivered   kept for the release   kept for the repair;       lost; the writer's
 *                                                 the writer's retransmission retransmission clock runs
 *                                                 clock runs
 * SYN          answered    sent again (retries)   sent again (retries)       sent again (retries)
 * SYN-ACK      delivered   kept                   kept                       lost
 * reset        delivered   kept                   lost                       lost
 * datagram     delivered   kept                   lost                       lost (at arrival)
 * </pre>
 * Kernel thread only.
 */
final class Links {

    /** One link: two hosts in a fixed order (the same pair either way round). */
    record Link(int a, int b) {
        static Link of(SimHost x, SimHost y, SimNetwork net) {
            if (!x.belongsTo(net) || !y.belongsTo(net)) {
                throw new IllegalArgumentException("hosts " + x + " and " + y + " must both belong to this network");
            }
            int i = x.index, j = y.index;
            return new Link(Math.min(i, j), Math.max(i, j));
        }
    }

    /** What a link does to something crossing it now; see the table above. */
    enum Crossing { OPEN, HELD, CUT, DARK }

    private final SimNetwork net;
    private final Random random;
    private Hardship hardship = Hardship.NONE;
    private final Map<Link, Hardship> linkHardship = new HashMap<>();
    private final Set<Link> partitioned = new HashSet<>();
    private final Set<Link> held = new HashSet<>();
    private final Map<Link, List<Runnable>> kept = new LinkedHashMap<>(); // deliveries waiting for a link to open
    // When each direction of each link finishes sending what it was given (Hardship.bandwidth); absent: idle.
    private final Map<Long, Long> wireBusy = new HashMap<>();

    Links(SimNetwork net, Random random) {
        this.net = net;
        this.random = random;
    }

    // ------------------------------------------------------------------ the decision

    /**
     * What the link between {@code a} and {@code b} does now: DARK if either host has no power (it answers
     * nothing, and nothing of it is kept), else CUT by a partition (which also outranks a hold), HELD, or OPEN.
     */
    Crossing crossing(SimHost a, SimHost b) {
        if (a.poweredOff() || b.poweredOff()) {
            return Crossing.DARK;
        }
        if (partitioned.isEmpty() && held.isEmpty()) {
            return Crossing.OPEN; // the common case: no lookup
        }
        Link l = Link.of(a, b, net);
        return partitioned.contains(l) ? Crossing.CUT : held.contains(l) ? Crossing.HELD : Crossing.OPEN;
    }

    /** Whether TCP's retransmissions between the two go unanswered: a partition, or a host without power. */
    boolean unanswered(SimHost a, SimHost b) {
        Crossing c = crossing(a, b);
        return c == Crossing.CUT || c == Crossing.DARK;
    }

    // ------------------------------------------------------------------ commands

    void hardship(Hardship policy) {
        hardship = policy;
    }

    Hardship hardship() {
        return hardship;
    }

    void hardship(SimHost a, SimHost b, Hardship policy) {
        linkHardship.put(Link.of(a, b, net), policy);
    }

    /** Cuts ({@code partition}) or holds the link; returns it, for the trace. */
    Link block(SimHost a, SimHost b, boolean partition) {
        Link l = Link.of(a, b, net);
        (partition ? partitioned : held).add(l);
        return l;
    }

    /**
     * Repairs ({@code partition}) or releases the link; what was kept crosses after the link's latency, and
     * connections pump what their send buffers kept, unless the other kind of block remains.
     */
    void unblock(SimHost a, SimHost b, boolean partition, Tcp tcp) {
        Link l = Link.of(a, b, net);
        (partition ? partitioned : held).remove(l);
        if (partitioned.contains(l) || held.contains(l)) {
            return;
        }
        List<Runnable> waiting = kept.remove(l);
        SimHost x = net.host(l.a());
        SimHost y = net.host(l.b());
        long at = net.clock() + policy(x, y).latency().toNanos();
        if (waiting != null) {
            for (Runnable r : waiting) {
                net.events.schedule(at, r); // one instant, in the order kept: stream bytes stay in order
            }
        }
        for (SimHost h : List.of(x, y)) {
            for (SimSocket s : List.copyOf(h.sockets)) {
                if (s.state == SimSocket.State.CONNECTED && !s.reset) {
                    s.out.stalledSince = -1; // acknowledged again: TCP's retransmission clock stops
                    tcp.pump(s.out);         // bytes the block kept in send buffers
                }
            }
        }
    }

    /** Keeps {@code delivery} for when the link between the two opens again. */
    void keep(SimHost a, SimHost b, Runnable delivery) {
        kept.computeIfAbsent(Link.of(a, b, net), k -> new ArrayList<>()).add(delivery);
    }

    // ------------------------------------------------------------------ hardship

    /** The hardship of the link between the two: its own, or the network's. */
    Hardship policy(SimHost a, SimHost b) {
        if (linkHardship.isEmpty()) {
            return hardship; // the common case: no per-link policy, no lookup
        }
        Hardship h = linkHardship.get(Link.of(a, b, net));
        return h != null ? h : hardship;
    }

    /** A one-way delay under {@code h}: its latency plus up to its jitter, from the seed. */
    long delay(Hardship h) {
        long jitter = h.jitter().toNanos();
        return h.latency().toNanos() + (jitter == 0 ? 0 : (long) (random.nextDouble() * jitter));
    }

    /** Whether something with chance {@code p} happens now, from the seed; no draw for a chance of zero. */
    boolean chance(double p) {
        return p > 0 && random.nextDouble() < p;
    }

    private static long wire(SimHost from, SimHost to) {
        return (long) from.index << 32 | to.index;
    }

    /** When the wire from {@code from} to {@code to} has sent what it was given: in the past when it is idle. */
    long wireFreeAt(SimHost from, SimHost to) {
        return wireBusy.getOrDefault(wire(from, to), 0L);
    }

    /** The one rule of bandwidth: a segment occupies its link's wire for its bytes' time. Returns when it is sent. */
    long occupyWire(SimHost from, SimHost to, int bytes, Hardship h) {
        long sent = net.clock() + Math.max(1, (long) (bytes * 1e9 / h.bandwidth()));
        wireBusy.put(wire(from, to), sent);
        return sent;
    }
}
