package curio.sim;

import curio.api.Activation;
import curio.api.AsyncRunnable;
import curio.api.Curio;
import curio.api.Task;
import curio.api.spi.ReadinessSelector;
import curio.api.spi.SelectorProvider;
import curio.api.spi.BackendClock;
import curio.api.spi.SocketKind;
import curio.api.trap.BlockingTrap;
import curio.api.trap.Traps;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.HashSet;

/**
 * A simulated network: hosts, the links between them, and everything in flight, all driven by one
 * seeded random generator and the kernel's virtual clock. It is the {@code "sim"} selector provider:
 * give it to {@code Kernel.builder().selector(net)} (or let {@link Simulation} do it) and the kernel's
 * sockets, {@code curio.net}'s included, live here.
 * <pre>{@code
 * SimNetwork net = new SimNetwork(42).hardship(Hardship.ROUGH);
 * try (Kernel k = Kernel.builder().selector(net).build()) {
 *     k.run(() -> { ... });          // same seed, same run, byte for byte
 * }
 * }</pre>
 * <p>Time: every delay is simulated, so hours of protocol timeouts take milliseconds, and time moves
 * only when every task waits. Hardship comes in two forms: a policy of chances and delays
 * ({@link #hardship(Hardship)}, per link with {@link #link}), and commands a test gives at chosen
 * moments ({@link #partition}/{@link #repair}, {@link #hold}/{@link #release}, {@link SimHost#crash}
 * and {@link SimHost#restart}). {@link #traceHash()} sums up the run: every socket event and every
 * switch of the kernel; two runs with the same seed give the same hash.
 * <p>Kernel thread only: the network belongs to the kernel that opened its selector.
 */
public final class SimNetwork implements SelectorProvider {

    /** The backend's name, for {@code -Dcurio.selector=sim}. */
    public static final String NAME = "sim";

    // trace record kinds: part of the hash, so never renumber
    static final int CONNECT = 1, REFUSED = 2, ESTABLISHED = 3, ACCEPT = 4, SEGMENT = 5, FIN = 6, RESET = 7,
            READ = 8, WRITE = 9, DATAGRAM = 10, DROP = 11, RECEIVE = 12, CLOSE = 13, CRASH = 14, RESTART = 15,
            PARTITION = 16, REPAIR = 17, HOLD = 18, RELEASE = 19, RUN = 20, SUSPEND = 21, GAVE_UP = 22, KILL = 23,
            DISK_NAME = 24, DISK_WRITE = 25, DISK_SYNC = 26, DISK_ERROR = 27, DISK_CUT = 28;
    private static final String[] KIND_NAMES = {"?", "CONNECT (socket)", "REFUSED (socket)",
            "ESTABLISHED (client socket, server socket)", "ACCEPT", "SEGMENT (socket, bytes digest)", "FIN (socket)",
            "RESET (socket)", "READ", "WRITE", "DATAGRAM (socket, bytes digest)", "DROP (socket, bytes)", "RECEIVE",
            "CLOSE", "CRASH (host)", "RESTART (host)", "PARTITION (host, host)", "REPAIR (host, host)",
            "HOLD (host, host)", "RELEASE (host, host)", "RUN (task)", "SUSPEND (task, trap)", "GAVE_UP (socket)",
            "KILL (host)", "DISK_NAME (host, name digest)", "DISK_WRITE (host, bytes digest)", "DISK_SYNC (host, file)",
            "DISK_ERROR (host, 1 write 2 sync 3 full)", "DISK_CUT (host, what survived)"};

    /** A record kind's name, with what its two numbers are. */
    static String kindName(int kind) {
        return kind > 0 && kind < KIND_NAMES.length ? KIND_NAMES[kind] : "kind " + kind;
    }

    /**
     * How long TCP retransmits stream bytes nobody acknowledges before it gives the connection up:
     * Linux's default ({@code tcp_retries2 = 15}, a 200 ms first timeout doubling to at most 120 s).
     */
    static final long RETRANSMISSION_GIVE_UP_NANOS = 924_600_000_000L;

    private final long seed;
    private final Random random;
    // The program's own randomness (Curio.random()): a stream of its own from the seed, so that what a program
    // draws never shifts the network's choices, nor they its draws.
    private final java.util.SplittableRandom programRandom;
    private final java.util.random.RandomGenerator diskRandom; // the disks' faults and power-cut outcomes
    private final SimFiles files = new SimFiles(this);
    private Hardship hardship = Hardship.NONE;
    private final Map<Link, Hardship> linkHardship = new HashMap<>();
    private final Set<Link> partitioned = new HashSet<>();
    private final Set<Link> held = new HashSet<>();
    private final Map<Link, List<Runnable>> heldTraffic = new LinkedHashMap<>();
    private final Map<String, SimHost> hostsByName = new LinkedHashMap<>();
    private final Map<InetAddress, SimHost> hostsByAddress = new HashMap<>();
    private final List<SimHost> hosts = new ArrayList<>();
    private final SimHost localhost;
    private final EventQueue events = new EventQueue();
    private final Map<Task<?>, SimHost> taskHosts = new IdentityHashMap<>();
    private final TaskNumbers taskNumbers = new TaskNumbers();
    private SimSelector selector;
    private long sequence;
    private int sockets;
    private long hash = 0xcbf29ce484222325L;
    private long recorded;
    private SimHost spawning; // the host a task being spawned goes to
    private Duration limit = Simulation.DEFAULT_LIMIT;
    private boolean shuffleReady;

    /** One link: two hosts in a fixed order (the same pair either way round). */
    private record Link(int a, int b) {
        static Link of(SimHost x, SimHost y, SimNetwork net) {
            if (!x.belongsTo(net) || !y.belongsTo(net)) {
                throw new IllegalArgumentException("hosts " + x + " and " + y + " must both belong to this network");
            }
            int i = net.hostIndex(x), j = net.hostIndex(y);
            return new Link(Math.min(i, j), Math.max(i, j));
        }
    }

    /**
     * Something due at {@code at}; {@code seq} orders events of one instant. An event of a flow (see
     * onFlow) is the arrival of {@code segment} on {@code flow}, or of its FIN when the segment is
     * {@link #FIN_SEGMENT}: no closure per segment. Any other event runs its {@code action}.
     */
    record Event(long at, long seq, Runnable action, Flow flow, byte[] segment) {}

    /**
     * The network ServiceLoader makes for {@code -Dcurio.selector=sim}: seed from {@code -Dcurio.sim.seed}
     * (0 when absent), no hardship.
     */
    public SimNetwork() {
        this(Long.getLong("curio.sim.seed", 0L));
    }

    /**
     * A network with no hardship until {@link #hardship(Hardship)} gives one.
     *
     * @param seed every random choice of the run comes from it
     */
    public SimNetwork(long seed) {
        this.seed = seed;
        this.random = new Random(seed);
        this.programRandom = new java.util.SplittableRandom(seed ^ 0x5DEECE66DL);
        this.diskRandom = SimFiles.stream(seed);
        this.localhost = addHost("localhost", List.of(InetAddress.getLoopbackAddress()));
    }

    /**
     * Returns the seed.
     *
     * @return the seed
     */
    public long seed() {
        return seed;
    }

    /**
     * Sets the hardship of every link without one of its own.
     *
     * @param policy the chances and delays
     * @return this network
     */
    public SimNetwork hardship(Hardship policy) {
        this.hardship = java.util.Objects.requireNonNull(policy, "hardship");
        return this;
    }

    /**
     * Sets how much simulated time a run may take: a program that never ends would keep a simulation
     * busy for good (time jumps from one retry to the next), where a real one would merely be slow.
     * The kernel's run then fails with an {@link IllegalStateException} that says so. A deadlock (every
     * task waiting, nothing in flight, no timer) is reported at once, whatever the limit.
     *
     * @param most the most simulated time; {@link Simulation#DEFAULT_LIMIT} unless set
     * @return this network
     */
    public SimNetwork limit(Duration most) {
        if (most == null || most.isNegative() || most.isZero()) {
            throw new IllegalArgumentException("the simulated time limit must be positive, got " + most);
        }
        this.limit = most;
        return this;
    }

    /**
     * Makes the kernel run the tasks that become ready at the same instant in an order drawn from the
     * seed, instead of first-in, first-out (Curio's order, the default): each seed then explores another
     * legal schedule, which finds code that silently relies on who runs first.
     *
     * @param on whether to shuffle
     * @return this network
     */
    public SimNetwork shuffleReadyTasks(boolean on) {
        this.shuffleReady = on;
        return this;
    }

    /** The program's own generator, drawn from the seed: what {@code Curio.random()} returns in this world. */
    java.util.random.RandomGenerator programRandom() {
        return programRandom;
    }

    /** The generator of the disks' delays, faults and power-cut outcomes. */
    java.util.random.RandomGenerator diskRandom() {
        return diskRandom;
    }

    /** The files of this world's hosts: the {@code Disk} capability its selectors offer. */
    SimFiles files() {
        return files;
    }

    /** The generator of the ready-task shuffle, or null when off. */
    java.util.random.RandomGenerator readyShuffle() {
        return shuffleReady ? random : null;
    }

    /** The simulation's clock, in nanoseconds since its start (the kernel's virtual clock). */
    long clock() {
        return selector == null ? 0 : selector.now();
    }

    /** Fails the run once the clock has passed the limit. */
    void checkLimit(long now) {
        if (now > limit.toNanos()) {
            throw new IllegalStateException("the simulation ran past its limit of " + limit
                    + " of simulated time (now " + Duration.ofNanos(now) + "): a livelock, or a program that never ends;"
                    + " SimNetwork.limit(...) or Simulation.run(..., limit, ...) allows more");
        }
    }

    /**
     * Returns the network-wide hardship.
     *
     * @return the policy
     */
    public Hardship hardship() {
        return hardship;
    }

    /**
     * Sets the hardship of the link between two hosts (the same host twice: its loopback).
     *
     * @param a one host
     * @param b the other
     * @param policy the chances and delays
     * @return this network
     */
    public SimNetwork link(SimHost a, SimHost b, Hardship policy) {
        linkHardship.put(Link.of(a, b, this), java.util.Objects.requireNonNull(policy, "hardship"));
        return this;
    }

    /**
     * Adds a host at the next free addresses of 10.0.0.0/8 and of the unique local range fd00::/8
     * (10.0.0.1 and fd00::1, 10.0.0.2 and fd00::2, ...). Its name resolves to the IPv4 address alone, so
     * that a failing connect by name waits for one address's retries, not two; a program reaches the
     * IPv6 address as a literal ({@link SimHost#addresses()}).
     *
     * @param name what {@code Net.tcpConnect(name, port)} resolves
     * @return the host
     * @throws IllegalArgumentException if the name or one of the addresses is taken
     */
    public SimHost host(String name) {
        checkNewName(name);
        // localhost is index 0, so the first named host gets 10.0.0.1; addresses a host was given by choice
        // are skipped, never reported as taken to a program that did not ask for them
        for (int n = hosts.size(); n < 1 << 24; n++) {
            InetAddress ip4 = automatic(new byte[] {10, (byte) (n >> 16), (byte) (n >> 8), (byte) n});
            byte[] six = new byte[16];
            six[0] = (byte) 0xfd;
            six[13] = (byte) (n >> 16);
            six[14] = (byte) (n >> 8);
            six[15] = (byte) n;
            InetAddress ip6 = automatic(six);
            if (!hostsByAddress.containsKey(ip4) && !hostsByAddress.containsKey(ip6)) {
                return addHost(name, List.of(ip4, ip6));
            }
        }
        throw new IllegalStateException("host " + name + ": every address of 10.0.0.0/8 is taken");
    }

    private static InetAddress automatic(byte[] address) {
        try {
            return InetAddress.getByAddress(address);
        } catch (UnknownHostException e) {
            throw new AssertionError(e); // 4 or 16 bytes are always an address
        }
    }

    /**
     * Adds a host with a chosen IPv4 address.
     *
     * @param name what {@code Net.tcpConnect(name, port)} resolves
     * @param address an address literal such as {@code "192.168.1.10"}
     * @return the host
     * @throws IllegalArgumentException if the name or address is taken or the address is not a literal
     */
    public SimHost host(String name, String address) {
        checkNewName(name);
        InetAddress a;
        try {
            a = InetAddress.ofLiteral(address);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("host " + name + ": '" + address + "' is not an address literal", e);
        }
        return addHost(name, List.of(free(name, a)));
    }

    private void checkNewName(String name) {
        if (name == null || name.isBlank() || hostsByName.containsKey(name)) {
            throw new IllegalArgumentException("host name must be new and not blank, got '" + name + "'");
        }
    }

    private InetAddress free(String name, InetAddress a) {
        if (hostsByAddress.containsKey(a) || a.isLoopbackAddress() || a.isAnyLocalAddress()) {
            throw new IllegalArgumentException("host " + name + ": address " + a.getHostAddress() + " is taken or reserved");
        }
        return a;
    }

    private SimHost addHost(String name, List<InetAddress> addresses) {
        SimHost h = new SimHost(this, hosts.size(), name, addresses);
        hosts.add(h);
        hostsByName.put(name, h);
        for (InetAddress a : addresses) {
            hostsByAddress.put(a, h);
        }
        return h;
    }

    /**
     * The host of every task not spawned on another one ({@code 127.0.0.1}).
     *
     * @return the default host
     */
    public SimHost localhost() {
        return localhost;
    }

    /**
     * Finds a host by name.
     *
     * @param name the name
     * @return the host, if any
     */
    public Optional<SimHost> find(String name) {
        return Optional.ofNullable(hostsByName.get(name));
    }

    /**
     * Cuts the link between two hosts both ways: stream bytes wait until {@link #repair}; a connect is
     * retried as TCP retransmits its SYN and fails with {@code ETIMEDOUT} after 127 s; a connection whose
     * bytes wait unacknowledged for about 15 minutes (Linux's retransmission limit) is given up: its
     * sender's reads and writes fail with {@code ETIMEDOUT}, and its peer learns of it only when it sends
     * once the link is repaired (a reset answers); datagrams are lost.
     *
     * @param a one host
     * @param b the other
     */
    public void partition(SimHost a, SimHost b) {
        cut(partitioned, PARTITION, a, b);
    }

    /**
     * Ends a partition: what waited is delivered, after the link's latency.
     *
     * @param a one host
     * @param b the other
     */
    public void repair(SimHost a, SimHost b) {
        mend(partitioned, REPAIR, a, b);
    }

    /**
     * Holds everything sent between two hosts, datagrams too, until {@link #release}, however long: unlike
     * a {@link #partition}, a hold never makes a connection give up.
     *
     * @param a one host
     * @param b the other
     */
    public void hold(SimHost a, SimHost b) {
        cut(held, HOLD, a, b);
    }

    /**
     * Delivers what {@link #hold} kept, after the link's latency, in the order it was sent.
     *
     * @param a one host
     * @param b the other
     */
    public void release(SimHost a, SimHost b) {
        mend(held, RELEASE, a, b);
    }

    private void cut(Set<Link> links, int kind, SimHost a, SimHost b) {
        Link l = Link.of(a, b, this);
        links.add(l);
        record(kind, l.a(), l.b());
    }

    private void mend(Set<Link> links, int kind, SimHost a, SimHost b) {
        Link l = Link.of(a, b, this);
        links.remove(l);
        record(kind, l.a(), l.b());
        flush(l); // still held back if the other kind of block remains
    }

    /**
     * A digest of the run so far: every socket event (what, which socket, how many bytes, when) and,
     * under {@link Simulation}, every task switch. The same seed gives the same value.
     *
     * @return the hash
     */
    public long traceHash() {
        return hash;
    }

    /**
     * How many events went into {@link #traceHash()}.
     *
     * @return the count
     */
    public long traceLength() {
        return recorded;
    }

    // ------------------------------------------------------------------ SelectorProvider

    @Override
    public String name() {
        return NAME;
    }

    /** Negative: never chosen unless named. */
    @Override
    public int priority() {
        return -1;
    }

    @Override
    public Optional<String> unsupportedReason() {
        return Optional.empty();
    }

    @Override
    public ReadinessSelector open() {
        if (selector != null) {
            throw new IllegalStateException("this simulated network already serves a kernel: make one SimNetwork per kernel");
        }
        selector = new SimSelector(this);
        return selector;
    }

    void selectorClosed(SimSelector s) {
        events.clear();
    }

    // ------------------------------------------------------------------ tasks and the trace

    /**
     * Watches every task of the kernel: which host it runs on, and each switch, for the hash. The
     * kernel installs it (the selector offers it as a capability), so a kernel on this network by name or by
     * instance is watched as under {@link Simulation}.
     */
    Activation tracer() {
        return new Activation() {
            @Override
            public void created(Task<?> task) {
                taskNumbers.add(task.id());
                SimHost h = spawning != null ? spawning : hostOf(task.parent());
                taskHosts.put(task, h);
                h.adopt(task);
            }

            @Override
            public void running(Task<?> task) {
                record(RUN, number(task), 0);
            }

            @Override
            public void suspended(Task<?> task, BlockingTrap trap) {
                record(SUSPEND, number(task), trapCode(trap));
            }

            @Override
            public void terminated(Task<?> task) {
                taskNumbers.remove(task.id());
                taskHosts.remove(task);
                if (task == numbered) {
                    numbered = null;
                }
            }
        };
    }

    // The task that last ran and its number: a task suspends right after it ran, so one of its two
    // lookups per switch is this field rather than the map.
    private Task<?> numbered;
    private int numberedAs;

    private int number(Task<?> t) {
        if (t == numbered) {
            return numberedAs;
        }
        numbered = t;
        numberedAs = taskNumbers.get(t.id());
        return numberedAs;
    }

    private static int trapCode(BlockingTrap trap) {
        return switch (trap) {
            case null -> 0;
            case BlockingTrap.ReadWait r -> 1;
            case BlockingTrap.WriteWait w -> 2;
            case BlockingTrap.FutureWait f -> 3;
            case BlockingTrap.Sleep z -> 4;
            case BlockingTrap.SchedWait q -> 5;
        };
    }

    Task<?> spawnOn(SimHost h, AsyncRunnable<?> body) {
        SimHost saved = spawning;
        spawning = h;
        Task<?> t;
        try {
            t = Curio.spawn(body);
        } finally {
            spawning = saved;
        }
        if (taskHosts.putIfAbsent(t, h) == null) {
            h.adopt(t); // no tracer: at least the roots are known
        }
        return t;
    }

    private SimHost hostOf(Task<?> t) {
        for (Task<?> p = t; p != null; p = p.parent()) {
            SimHost h = taskHosts.get(p);
            if (h != null) {
                return h;
            }
        }
        return localhost;
    }

    SimHost currentHost() {
        return Traps.inTask() ? hostOf(Traps.currentTask("sim")) : localhost;
    }

    int hostIndex(SimHost h) {
        return h.index;
    }

    int nextSocketId() {
        return ++sockets;
    }

    void record(int kind, long a, long b) {
        long now = selector != null ? selector.now() : 0;
        hash = mix(mix(mix(mix(hash, kind), a), b), now);
        recorded++;
        if (log != null) {
            log.add(kind, a, b, now);
        }
    }

    private EventLog log; // every event in order, when this run is checked for determinism; else null

    /** Keeps every event from now on in {@code log} (the determinism check); returns this network. */
    SimNetwork log(EventLog events) {
        this.log = events;
        return this;
    }

    /**
     * Records bytes delivered: their count and their content, so that a run whose payloads differ (random bytes
     * of the same sizes, say) has another hash. Eight bytes per step: a fraction of the copy that delivered them.
     */
    void recordBytes(int kind, long id, byte[] data) {
        long h = data.length;
        int i = 0;
        for (; i + 8 <= data.length; i += 8) {
            h = mix(h, (long) LONGS.get(data, i));
        }
        for (; i < data.length; i++) {
            h = mix(h, data[i]);
        }
        record(kind, id, h);
    }

    /** Records a disk write: where, and the bytes' content, as {@link #recordBytes} does for a network's. */
    void recordDiskWrite(int host, long inode, long at, byte[] b, int off, int len) {
        long h = mix(mix(inode, at), len);
        int i = off;
        for (; i + 8 <= off + len; i += 8) {
            h = mix(h, (long) LONGS.get(b, i));
        }
        for (; i < off + len; i++) {
            h = mix(h, b[i]);
        }
        record(DISK_WRITE, host, h);
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    private static long mix(long h, long v) {
        h ^= v;
        h *= 0x100000001b3L;
        return h ^ (h >>> 29);
    }

    // ------------------------------------------------------------------ events

    long nextEventTime() {
        Event e = events.peek();
        return e == null ? BackendClock.NO_EVENT : e.at();
    }

    void runDue(long now) {
        Event e;
        while ((e = events.peek()) != null && e.at() <= now) {
            Flow f = e.flow();
            Event next = f != null ? f.due.pollFirst() : null;
            if (next != null) { // its flow's next event takes its place in the queue
                events.replaceFirst(next);
            } else {
                events.removeFirst();
                if (f != null) {
                    f.dueQueued = false;
                }
            }
            if (f == null) {
                e.action().run();
            } else if (e.segment() == FIN_SEGMENT) {
                finArrives(f);
            } else {
                segmentArrives(f, e.segment());
            }
        }
    }

    /** The segment of a flow's FIN event. */
    private static final byte[] FIN_SEGMENT = new byte[0];

    private void schedule(long at, Runnable action) {
        events.add(new Event(at, sequence++, action, null, null));
    }

    /**
     * Schedules an event of one flow. A flow's events come due in the order they are made (its arrivals
     * never overtake each other), so only the earliest of each flow needs a place in the queue: the rest
     * wait in the flow, in order, and the queue holds one event per busy flow instead of every segment
     * in flight. Events still come due in exactly the (time, sequence) order of one queue of them all.
     */
    private void onFlow(Flow f, long at, byte[] segment) {
        Event e = new Event(at, sequence++, null, f, segment);
        if (f.dueQueued) {
            f.due.addLast(e);
        } else {
            f.dueQueued = true;
            events.add(e);
        }
    }

    private long now() {
        return selector.now();
    }

    private Hardship policy(SimHost a, SimHost b) {
        if (linkHardship.isEmpty()) {
            return hardship; // the common case: no per-link policy, no lookup
        }
        Hardship h = linkHardship.get(Link.of(a, b, this));
        return h != null ? h : hardship;
    }

    private long delay(Hardship h) {
        long jitter = h.jitter().toNanos();
        return h.latency().toNanos() + (jitter == 0 ? 0 : (long) (random.nextDouble() * jitter));
    }

    private boolean chance(double p) {
        return p > 0 && random.nextDouble() < p;
    }

    private boolean blocked(Link l) {
        return partitioned.contains(l) || held.contains(l);
    }

    private boolean blocked(SimHost a, SimHost b) {
        return !(partitioned.isEmpty() && held.isEmpty()) && blocked(Link.of(a, b, this));
    }

    /** Whether nothing can cross between the two hosts for good: one of them has no power. */
    private static boolean dark(SimHost a, SimHost b) {
        return a.poweredOff() || b.poweredOff();
    }

    /** Whether TCP's retransmissions between the two go unanswered: a partition, or a host without power. */
    private boolean unanswered(SimHost a, SimHost b) {
        return dark(a, b) || partitioned.contains(Link.of(a, b, this));
    }

    // When each direction of each link finishes sending what it was given (Hardship.bandwidth); absent: idle.
    private final java.util.Map<Long, Long> wireBusy = new java.util.HashMap<>();

    private static long wire(SimHost from, SimHost to) {
        return (long) from.index << 32 | to.index;
    }

    /**
     * Whether {@code f}'s link is still sending what went before (a writer then meets the backpressure of its
     * send buffer); if so, {@code f} is pumped again when the wire is free.
     */
    private boolean wireBusyFor(Flow f, Hardship h) {
        long free = wireBusy.getOrDefault(wire(f.writer.host, f.reader.host), 0L);
        if (free <= now()) {
            return false;
        }
        if (!f.pumpScheduled) {
            f.pumpScheduled = true;
            schedule(free, () -> {
                f.pumpScheduled = false;
                pump(f);
            });
        }
        return true;
    }

    /** The one rule of bandwidth: a segment occupies its link's wire for its bytes' time. Returns when it is sent. */
    private long occupyWire(SimHost from, SimHost to, int bytes, Hardship h) {
        long sent = now() + Math.max(1, (long) (bytes * 1e9 / h.bandwidth()));
        wireBusy.put(wire(from, to), sent);
        return sent;
    }

    /** Keeps {@code delivery} for when the link opens again. */
    private void keep(Link l, Runnable delivery) {
        heldTraffic.computeIfAbsent(l, k -> new ArrayList<>()).add(delivery);
    }

    private void flush(Link l) {
        if (blocked(l)) {
            return;
        }
        List<Runnable> waiting = heldTraffic.remove(l);
        Hardship h = policy(hosts.get(l.a()), hosts.get(l.b()));
        long at = now() + h.latency().toNanos();
        if (waiting != null) {
            for (Runnable r : waiting) {
                schedule(at, r); // one instant, in the order kept: stream bytes stay in order
            }
        }
        for (SimHost x : List.of(hosts.get(l.a()), hosts.get(l.b()))) {
            for (SimSocket s : List.copyOf(x.sockets)) {
                if (s.state == SimSocket.State.CONNECTED && !s.reset) {
                    s.out.stalledSince = -1; // acknowledged again: TCP's retransmission clock stops
                    pump(s.out); // bytes the partition kept in send buffers
                }
            }
        }
    }

    // ------------------------------------------------------------------ sockets

    SimSocket open(SimSelector sel, SocketKind kind) throws IOException {
        SimHost h = currentHost();
        if (h.isDown()) {
            throw new IOException("host " + h.name() + " is down (crashed)");
        }
        SimSocket s = new SimSocket(this, sel, h, kind);
        h.opened(s);
        return s;
    }

    InetAddress[] resolve(String name) throws UnknownHostException {
        if (name == null || name.isEmpty() || name.equals("localhost")) {
            return new InetAddress[] {InetAddress.getLoopbackAddress()};
        }
        SimHost h = hostsByName.get(name);
        if (h != null) {
            return new InetAddress[] {h.address()}; // one record, as a name with only an A record: see host(name)
        }
        try {
            return new InetAddress[] {InetAddress.ofLiteral(name)};
        } catch (IllegalArgumentException notALiteral) {
            throw new UnknownHostException(name + ": no such host in the simulated network (hosts: "
                    + hostsByName.keySet() + ")");
        }
    }

    /** The host an address reaches from {@code from}: loopback and wildcard stay on {@code from}. */
    private SimHost route(SimHost from, SocketAddress to) {
        if (to instanceof UnixDomainSocketAddress) {
            return from;
        }
        if (!(to instanceof InetSocketAddress inet) || inet.isUnresolved()) {
            throw new IllegalArgumentException("a simulated socket connects to a resolved InetSocketAddress or a"
                    + " UnixDomainSocketAddress, got " + to);
        }
        InetAddress a = inet.getAddress();
        return from.hasAddress(a) ? from : hostsByAddress.get(a);
    }

    void connect(SimSocket client, SocketAddress to) throws IOException {
        SimHost dst = route(client.host, to);
        if (client.local == null) {
            client.local = client.host.bind(client, client.kind() == SocketKind.UNIX_STREAM ? null
                    : sourceAddress(client, to));
        }
        record(CONNECT, client.id, 0);
        Hardship h = dst == null ? hardship : policy(client.host, dst);
        long at = now() + delay(h);
        if (dst == null) {
            schedule(at, () -> failConnect(client, new NoRouteToHostException("No route to host (EHOSTUNREACH) in connect to "
                    + to + ": no simulated host has that address")));
            return;
        }
        schedule(at, () -> synArrives(client, dst, to, 0));
    }

    /** SYN retransmissions before a connect gives up, as Linux's default tcp_syn_retries: 1+2+...+32 s, then 64 s. */
    private static final int SYN_RETRIES = 6;

    private InetSocketAddress sourceAddress(SimSocket client, SocketAddress to) throws NoRouteToHostException {
        InetAddress dst = ((InetSocketAddress) to).getAddress();
        InetAddress src = dst.isAnyLocalAddress() ? InetAddress.getLoopbackAddress()
                : dst.isLoopbackAddress() ? dst : client.host.addressFor(dst);
        if (src == null) {
            throw new NoRouteToHostException("Network is unreachable (ENETUNREACH) in connect to " + to + ": " + client.host
                    + " has no " + (dst instanceof java.net.Inet6Address ? "IPv6" : "IPv4") + " address");
        }
        return new InetSocketAddress(src, 0);
    }

    private void synArrives(SimSocket client, SimHost dst, SocketAddress to, int attempt) {
        if (client.state != SimSocket.State.CONNECTING) {
            return; // closed meanwhile
        }
        Link l = Link.of(client.host, dst, this);
        List<SimSocket> found = blocked(l) || dst.isDown() ? List.of() : dst.listeners(to);
        if (blocked(l) || dst.poweredOff()
                || !found.isEmpty() && found.get(0).acceptQueue.size() >= found.get(0).backlog) {
            // lost across a partition, unanswered by a host without power, or dropped by a full backlog: the
            // client's SYN is sent again
            retrySyn(client, dst, to, attempt);
            return;
        }
        Hardship h = policy(client.host, dst);
        List<SimSocket> listeners = found;
        if (listeners.isEmpty() || chance(h.refusals())) {
            long at = now() + delay(h);
            ConnectException refused = new ConnectException("Connection refused (ECONNREFUSED) in connect to "
                    + to + (listeners.isEmpty() ? ": nothing listens there on " + dst : ": refused by the simulation's hardship"));
            schedule(at, () -> refusalArrives(client, dst, to, attempt, refused));
            return;
        }
        SimSocket listener = listeners.get(listeners.size() == 1 ? 0 : random.nextInt(listeners.size()));
        SimSocket server = new SimSocket(this, listener.selector, dst, listener.kind());
        dst.opened(server);
        listener.selector.adopt(server);
        server.local = to instanceof InetSocketAddress inet && inet.getAddress().isAnyLocalAddress()
                ? new InetSocketAddress(InetAddress.getLoopbackAddress(), inet.getPort()) : to;
        server.remote = client.local;
        server.state = SimSocket.State.CONNECTED;
        server.peer = client;
        server.out = new Flow(server, client, server.sendBuffer(), client.receiveBuffer());
        server.in = new Flow(client, server, client.sendBuffer(), server.receiveBuffer());
        listener.acceptQueue.add(server);
        listener.selector.changed(listener);
        long at = now() + delay(h);
        schedule(at, () -> synAckArrives(client, server, to));
    }

    private void retrySyn(SimSocket client, SimHost dst, SocketAddress to, int attempt) {
        long second = 1_000_000_000L;
        if (attempt == SYN_RETRIES) {
            schedule(now() + (second << attempt), () -> failConnect(client, new ConnectException(
                    "Connection timed out (ETIMEDOUT) in connect to " + to + ": no answer after " + SYN_RETRIES
                            + " retransmissions (a partition, a host without power, or a listener whose backlog"
                            + " stayed full)")));
            return;
        }
        schedule(now() + (second << attempt), () -> synArrives(client, dst, to, attempt + 1));
    }

    /*
     * Discussion: a reply is decided when it arrives, not when it was sent: a partition or a hold made while a
     * SYN-ACK or a refusal's reset was on its way stops it as it would stop any segment.
     */

    /** The server's SYN-ACK reaches the client, unless the link was cut or held meanwhile. */
    private void synAckArrives(SimSocket client, SimSocket server, SocketAddress to) {
        SimHost a = client.host;
        SimHost b = server.host;
        if (dark(a, b) || blocked(a, b)) {
            if (!dark(a, b)) {
                keep(Link.of(a, b, this), () -> synAckArrives(client, server, to)); // resent: it crosses on repair
            }
            if (!client.connectGiveUpScheduled) {
                client.connectGiveUpScheduled = true; // its SYN retries go unanswered meanwhile, and run out
                schedule(now() + SYN_GIVE_UP_NANOS, () -> failConnect(client, new ConnectException(
                        "Connection timed out (ETIMEDOUT) in connect to " + to + ": the answer to its SYN was cut off"
                                + " (a partition, a hold, or a host without power) until its retries ran out")));
            }
            return;
        }
        established(client, server);
    }

    /** A refusal's reset reaches the client, unless the link was cut meanwhile: then its SYN is sent again. */
    private void refusalArrives(SimSocket client, SimHost dst, SocketAddress to, int attempt, ConnectException why) {
        if (dark(client.host, dst) || blocked(client.host, dst)) {
            retrySyn(client, dst, to, attempt);
            return;
        }
        failConnect(client, why);
    }

    /** How long a connect's SYN retries last in all: 1 + 2 + ... + 32 s, then 64 s (see {@link #retrySyn}). */
    private static final long SYN_GIVE_UP_NANOS = 127_000_000_000L;

    private void established(SimSocket client, SimSocket server) {
        if (client.state != SimSocket.State.CONNECTING) {
            reset(server); // the client gave up meanwhile
            return;
        }
        client.state = SimSocket.State.CONNECTED;
        client.peer = server;
        client.out = server.in;
        client.in = server.out;
        record(ESTABLISHED, client.id, server.id);
        client.selector.changed(client);
        pump(client.in); // what the server wrote before the handshake ended
    }

    private void failConnect(SimSocket client, IOException why) {
        if (client.state != SimSocket.State.CONNECTING) {
            return;
        }
        record(REFUSED, client.id, 0);
        client.connectFailure = why;
        client.selector.changed(client);
    }

    int shortRead(SimSocket s, int n) {
        return n > 1 && chance(policyOf(s).shortReads()) ? 1 + random.nextInt(n) : n;
    }

    int shortWrite(SimSocket s, int n) {
        return n > 1 && chance(policyOf(s).shortWrites()) ? 1 + random.nextInt(n) : n;
    }

    private Hardship policyOf(SimSocket s) {
        return s.peer != null ? policy(s.host, s.peer.host) : hardship;
    }

    /** Puts what the window allows of {@code f}'s unsent bytes on the wire, then its FIN when due. */
    void pump(Flow f) {
        SimSocket from = f.writer;
        SimSocket to = f.reader;
        if (from.reset) {
            return;
        }
        if (dark(from.host, to.host)) {
            if (f.unsentBytes() > 0 || (f.finPending && !f.finSent)) {
                stalled(f); // sent into the dark: nothing is acknowledged, until TCP gives up
            }
            return;
        }
        if (blocked(from.host, to.host)) {
            if (f.unsentBytes() > 0 || (f.finPending && !f.finSent)) {
                stalled(f);
            }
            return; // stays in the send buffer: flush() pumps again on repair or release
        }
        if (to.reset) {
            if (f.unsentBytes() > 0 && !f.resetOnItsWay) { // the peer gave up: its OS answers with one reset
                f.resetOnItsWay = true;
                schedule(now() + delay(policy(from.host, to.host)), () -> reset(from));
            }
            return;
        }
        Hardship h = policy(from.host, to.host);
        int w;
        boolean moved = false;
        while ((w = f.window()) > 0) {
            if (h.bandwidth() != 0 && wireBusyFor(f, h)) {
                break; // these bytes wait in the send buffer, and go when the wire is free
            }
            int n = w > 1 && chance(h.shortWrites()) ? 1 + random.nextInt(w) : w; // split segments
            byte[] seg = f.takeSegment(n);
            long sent = h.bandwidth() == 0 ? now() : occupyWire(from.host, to.host, n, h);
            long at = Math.max(f.lastArrival, sent + delay(h));
            f.lastArrival = at;
            onFlow(f, at, seg);
            moved = true;
        }
        if (f.finPending && !f.finSent && f.unsentBytes() == 0) {
            f.finSent = true;
            long at = Math.max(f.lastArrival, now() + delay(h));
            f.lastArrival = at;
            onFlow(f, at, FIN_SEGMENT);
        }
        if (moved && from.state != SimSocket.State.CLOSED) {
            from.selector.changed(from); // room in the send buffer
        }
    }

    private void segmentArrives(Flow f, byte[] seg) {
        SimSocket to = f.reader;
        if (f.writer.reset) {
            return;
        }
        if (dark(f.writer.host, to.host)) {
            stalled(f); // lost: a machine without power answers nothing, and nothing of it is kept
            return;
        }
        if (blocked(f.writer.host, to.host)) {
            keep(Link.of(f.writer.host, to.host, this), () -> segmentArrives(f, seg));
            stalled(f);
            return;
        }
        if (to.reset) {
            reset(f.writer); // the reader gave the connection up: its OS answers with a reset
            return;
        }
        if (to.state == SimSocket.State.CLOSED || to.inputShut) {
            reset(f.writer); // bytes for a closed socket: it answers with a reset
            return;
        }
        if (chance(policy(f.writer.host, to.host).resets())) {
            record(RESET, to.id, seg.length);
            reset(to);
            return;
        }
        f.arrived(seg);
        recordBytes(SEGMENT, to.id, seg);
        to.selector.changed(to);
    }

    private void finArrives(Flow f) {
        SimSocket to = f.reader;
        if (f.writer.reset || to.reset) {
            return;
        }
        if (dark(f.writer.host, to.host)) {
            stalled(f);
            return;
        }
        if (blocked(f.writer.host, to.host)) {
            keep(Link.of(f.writer.host, to.host, this), () -> finArrives(f));
            stalled(f);
            return;
        }
        f.finArrived = true;
        record(FIN, to.id, 0);
        if (to.state != SimSocket.State.CLOSED) {
            to.selector.changed(to);
        }
    }

    /**
     * {@code f}'s bytes cannot cross a cut link: if a partition (not a hold) still cuts it when TCP's
     * retransmissions run out, the writer gives the connection up. The first stall starts the clock;
     * a repair stops it ({@link #flush} forgets the stall).
     */
    private void stalled(Flow f) {
        if (f.stalledSince >= 0 || !unanswered(f.writer.host, f.reader.host)) {
            return;
        }
        long since = now();
        f.stalledSince = since;
        schedule(since + RETRANSMISSION_GIVE_UP_NANOS, () -> giveUp(f, since));
    }

    private void giveUp(Flow f, long since) {
        SimSocket w = f.writer;
        if (f.stalledSince != since || w.reset || !unanswered(w.host, f.reader.host)) {
            return; // repaired meanwhile (and perhaps cut again: a newer stall has its own clock)
        }
        // Only the writer gives up: nothing crosses the partition to tell its peer, which learns of it
        // from the reset that answers its next bytes after the repair (segmentArrives, pump).
        w.timedOut = true;
        w.reset = true;
        record(GAVE_UP, w.id, 0);
        if (w.state != SimSocket.State.CLOSED) {
            w.selector.changed(w);
        }
    }

    /** Resets the connection of {@code s}: both ends fail every read and write from now on. */
    void reset(SimSocket s) {
        for (SimSocket end : new SimSocket[] {s, s.peer}) {
            if (end == null || end.reset) {
                continue;
            }
            end.reset = true;
            if (end.in != null) {
                end.in.clear();
            }
            record(RESET, end.id, 0);
            if (end.state != SimSocket.State.CLOSED) {
                end.selector.changed(end);
            }
        }
    }

    /** A power cut takes {@code s} with it silently: the socket closes, and its peer is told nothing. */
    void vanishSocket(SimSocket s) {
        s.reset = true; // no FIN, no reset: the machine is dark
        s.close();
    }

    /** A killed process takes {@code s} with it: its peer is reset after the link's latency, the socket closes. */
    void crashSocket(SimSocket s) {
        SimSocket peer = s.peer;
        s.reset = true; // no FIN, no reset sent from a dead machine's close
        s.close();
        if (peer != null && !peer.reset) {
            schedule(now() + delay(policy(s.host, peer.host)), () -> resetArrives(s.host, peer));
        }
    }

    /**
     * The reset a killed host's OS sent reaches {@code peer}, unless the link was cut meanwhile (lost: the peer
     * learns of it from the reset that answers its next bytes) or held (it waits for the release).
     */
    private void resetArrives(SimHost from, SimSocket peer) {
        if (partitioned.contains(Link.of(from, peer.host, this)) || dark(from, peer.host)) {
            return;
        }
        if (blocked(from, peer.host)) {
            keep(Link.of(from, peer.host, this), () -> resetArrives(from, peer));
            return;
        }
        reset(peer);
    }

    private static InetAddress senderAddress(SimHost from, SocketAddress to) {
        InetAddress own = from.addressFor(((InetSocketAddress) to).getAddress());
        return own != null ? own : from.address();
    }

    void sendDatagram(SimSocket from, byte[] data, SocketAddress to) {
        SimHost dst = route(from.host, to);
        if (dst == null) {
            record(DROP, from.id, data.length);
            return;
        }
        Hardship h = policy(from.host, dst);
        Link l = Link.of(from.host, dst, this);
        if (partitioned.contains(l) || chance(h.drops())) {
            record(DROP, from.id, data.length);
            return;
        }
        SocketAddress sender = from.local instanceof InetSocketAddress inet && inet.getAddress().isAnyLocalAddress()
                ? new InetSocketAddress(dst == from.host ? InetAddress.getLoopbackAddress() : senderAddress(from.host, to), inet.getPort())
                : from.local;
        int port = ((InetSocketAddress) to).getPort();
        Runnable arrive = () -> {
            SimSocket s = dst.isDown() || partitioned.contains(l) ? null : dst.udpSocket(port); // cut on its way: lost
            if (s == null) {
                record(DROP, from.id, data.length);
            } else {
                s.deliver(new SimSocket.Datagram(data, sender));
            }
        };
        if (held.contains(l)) {
            keep(l, arrive);
        } else {
            schedule(now() + delay(h), arrive); // datagrams may overtake each other under jitter
        }
    }
}
