package curio.sim;

import curio.api.Activation;
import curio.api.AsyncRunnable;
import curio.api.Curio;
import curio.api.Task;
import curio.api.spi.ReadinessSelector;
import curio.api.spi.SelectorProvider;
import curio.api.spi.SocketKind;
import curio.api.trap.BlockingTrap;
import curio.api.trap.Traps;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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


    private final long seed;
    private final Random random;
    // The program's own randomness (Curio.random()): a stream of its own from the seed, so that what a program
    // draws never shifts the network's choices, nor they its draws.
    private final java.util.SplittableRandom programRandom;
    private final java.util.random.RandomGenerator diskRandom; // the disks' faults and power-cut outcomes
    private final SimFiles files = new SimFiles(this);
    final Links links;
    final Tcp tcp;
    final Udp udp;
    private final Map<String, SimHost> hostsByName = new LinkedHashMap<>();
    private final Map<InetAddress, SimHost> hostsByAddress = new HashMap<>();
    private final List<SimHost> hosts = new ArrayList<>();
    private final SimHost localhost;
    final EventQueue events = new EventQueue();
    private final Map<Task<?>, SimHost> taskHosts = new IdentityHashMap<>();
    private final TaskNumbers taskNumbers = new TaskNumbers();
    private SimSelector selector;
    private int sockets;
    final Trace trace = new Trace(this);
    private SimHost spawning; // the host a task being spawned goes to
    private Duration limit = Simulation.DEFAULT_LIMIT;
    private boolean shuffleReady;

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
        this.links = new Links(this, random);
        this.tcp = new Tcp(this, links, random);
        this.udp = new Udp(this, links);
        this.programRandom = new java.util.SplittableRandom(seed ^ 0x5DEECE66DL);
        this.diskRandom = SimFiles.stream(seed);
        SeededSecurity.install(); // TLS's randomness from the seed in simulated tasks, from the JDK elsewhere
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
        links.hardship(java.util.Objects.requireNonNull(policy, "hardship"));
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

    private java.security.SecureRandom secureRandom; // TLS's, made at its first use

    /** What TLS draws in this world (see {@link SeededSecurity}): a stream of its own from the seed. */
    java.security.SecureRandom secureRandom() {
        if (secureRandom == null) {
            secureRandom = SeededSecurity.seeded(seed ^ 0x2545F4914F6CDD1DL);
        }
        return secureRandom;
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
        return links.hardship();
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
        links.hardship(a, b, java.util.Objects.requireNonNull(policy, "hardship"));
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
        Links.Link l = links.block(a, b, true);
        trace.record(Trace.PARTITION, l.a(), l.b());
    }

    /**
     * Ends a partition: what waited is delivered, after the link's latency.
     *
     * @param a one host
     * @param b the other
     */
    public void repair(SimHost a, SimHost b) {
        Links.Link l = Links.Link.of(a, b, this);
        trace.record(Trace.REPAIR, l.a(), l.b());
        links.unblock(a, b, true, tcp); // what was kept crosses, unless the other kind of block remains
    }

    /**
     * Holds everything sent between two hosts, datagrams too, until {@link #release}, however long: unlike
     * a {@link #partition}, a hold never makes a connection give up.
     *
     * @param a one host
     * @param b the other
     */
    public void hold(SimHost a, SimHost b) {
        Links.Link l = links.block(a, b, false);
        trace.record(Trace.HOLD, l.a(), l.b());
    }

    /**
     * Delivers what {@link #hold} kept, after the link's latency, in the order it was sent.
     *
     * @param a one host
     * @param b the other
     */
    public void release(SimHost a, SimHost b) {
        Links.Link l = Links.Link.of(a, b, this);
        trace.record(Trace.RELEASE, l.a(), l.b());
        links.unblock(a, b, false, tcp); // what was kept crosses, unless the other kind of block remains
    }

    /**
     * A digest of the run so far: every socket event (what, which socket, how many bytes, when) and,
     * under {@link Simulation}, every task switch. The same seed gives the same value.
     *
     * @return the hash
     */
    public long traceHash() {
        return trace.hash();
    }

    /**
     * How many events went into {@link #traceHash()}.
     *
     * @return the count
     */
    public long traceLength() {
        return trace.length();
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
                int n = number(task);
                if (trace.logging()) {
                    trace.running(n, hostOf(task).index);
                }
                trace.record(Trace.RUN, n, 0);
            }

            @Override
            public void suspended(Task<?> task, BlockingTrap trap) {
                trace.record(Trace.SUSPEND, number(task), trapCode(trap));
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

    /** The hosts' names, by index: for a report on a run that has ended. */
    List<String> hostNames() {
        return hosts.stream().map(SimHost::name).toList();
    }

    int hostIndex(SimHost h) {
        return h.index;
    }

    int nextSocketId() {
        return ++sockets;
    }

    long nextEventTime() {
        return events.nextEventTime();
    }

    void runDue(long now) {
        events.runDue(now, tcp);
    }

    SimHost host(int index) {
        return hosts.get(index);
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
    SimHost route(SimHost from, SocketAddress to) {
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


}
