package curio.sim;

import curio.api.AsyncRunnable;
import curio.api.Curio;
import curio.api.Task;
import curio.api.spi.SocketKind;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A machine of a {@link SimNetwork}: a name, an address (its loopback too), its own port spaces and
 * Unix-domain paths, and the tasks that run on it. A task spawned with {@link #spawn} runs on this host,
 * and so do the tasks it spawns: every socket they open belongs to this host, and {@code localhost}
 * is this host to them. Tasks spawned any other way run on {@link SimNetwork#localhost()}.
 * <pre>{@code
 * SimHost server = net.host("server");                     // 10.0.0.1
 * server.run(() -> Net.tcpServer("", 7000, Echo::serve));    // restarted by server.restart()
 * net.host("client").spawn(() -> {
 *     try (Socket s = Net.tcpConnect("server", 7000)) { ... }
 * });
 * }</pre>
 */
public final class SimHost {

    private static final int FIRST_EPHEMERAL = 49152;

    private final SimNetwork net;
    final int index;                                      // in the network's list: names links and the trace
    private final String name;
    private final List<InetAddress> addresses;            // the first is address(); at most one per family
    private final Map<Integer, List<SimSocket>> tcpPorts = new HashMap<>();
    private final Map<Integer, SimSocket> udpPorts = new HashMap<>();
    private final Map<String, SimSocket> unixPaths = new HashMap<>();
    final Set<SimSocket> sockets = new LinkedHashSet<>(); // open sockets, in the order opened
    final List<Task<?>> tasks = new ArrayList<>();        // this host's tasks (pruned as they end)
    private int nextEphemeral = FIRST_EPHEMERAL;
    private AsyncRunnable<?> main;
    private boolean down;       // crashed or killed, not restarted
    private boolean poweredOff; // crashed: down, and silent
    private final SimDisk disk = new SimDisk(); // survives the host's crashes, as a disk does
    private DiskHardship diskHardship;          // this host's own, or null for the network's

    SimHost(SimNetwork net, int index, String name, List<InetAddress> addresses) {
        this.net = net;
        this.index = index;
        this.name = name;
        this.addresses = List.copyOf(addresses);
    }

    /**
     * Returns the host's name, which {@code Net.tcpConnect(name, port)} resolves inside the simulation.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Returns the host's first address: its IPv4 address ({@code 127.0.0.1} for
     * {@link SimNetwork#localhost()}), or the one it was given.
     *
     * @return the address
     */
    public InetAddress address() {
        return addresses.get(0);
    }

    /**
     * Returns every address of the host, IPv4 first: {@code 10.0.0.n} and {@code fd00::n} for a host
     * made by {@link SimNetwork#host(String)}, the one given for {@link SimNetwork#host(String, String)}.
     * Its name resolves to the first.
     *
     * @return the addresses
     */
    public List<InetAddress> addresses() {
        return addresses;
    }

    /** This host's address of {@code dst}'s family (what a connect to {@code dst} comes from), or null. */
    InetAddress addressFor(InetAddress dst) {
        for (InetAddress a : addresses) {
            if (a.getClass() == dst.getClass()) {
                return a;
            }
        }
        return null;
    }

    /**
     * Spawns a task on this host (must be called from a task of the simulation's kernel).
     *
     * @param body the task's code
     * @return the task
     */
    public Task<?> spawn(AsyncRunnable<?> body) {
        if (down) {
            throw new IllegalStateException("host " + name + " is down (crashed): restart() it first");
        }
        return net.spawnOn(this, body);
    }

    /**
     * Spawns this host's main task and remembers it, so that {@link #restart()} starts it again.
     *
     * @param main the host's program
     * @return the task
     */
    public Task<?> run(AsyncRunnable<?> main) {
        this.main = java.util.Objects.requireNonNull(main, "main");
        return spawn(main);
    }

    /**
     * Cuts the host's power: silently. Its peers hear nothing (no reset, no FIN): their own timeouts, or TCP's
     * retransmissions running out after about 15 minutes, must notice. A connect to it goes unanswered until its
     * SYN retries give up (about two minutes, {@code ETIMEDOUT}). Its ports vanish, and its tasks are cancelled:
     * the ones started with {@link #spawn} and {@link #run}, and every task those started (the network watches each
     * task its kernel creates). Its disk keeps what was durable and, as the seed decides, some of the rest: for
     * each file none, all or a prefix of what was written since its last {@code sync()}, and a prefix of the
     * names created, renamed or deleted since their directory's last {@code syncDirectory} (see
     * {@code curio.file.AsyncFile}). {@link #kill()} is the process dying on a machine that stays up. A task that
     * cuts its own host's power is cancelled too, at its next blocking call. Must be called from a task.
     */
    public void crash() {
        stop(true);
    }

    /**
     * Kills the host's process while the machine stays up: its OS answers for it. Each of its connections is
     * reset (its peers read "connection reset" one latency later), a connect to it is refused, its ports vanish,
     * and its tasks are cancelled as by {@link #crash()}. What it wrote stays written, to its sockets and to its
     * disk, synced or not; the files its process had open are closed. Must be called from a task.
     */
    public void kill() {
        stop(false);
    }

    private void stop(boolean powerCut) {
        down = true;
        poweredOff = powerCut;
        net.trace.record(powerCut ? Trace.CRASH : Trace.KILL, net.hostIndex(this), 0);
        if (powerCut) {
            net.trace.record(Trace.DISK_CUT, index, disk.powerCut(net.diskRandom(), diskHardship().tornWrites()));
        } else {
            disk.processDied();
        }
        for (SimSocket s : List.copyOf(sockets)) {
            if (powerCut) {
                net.tcp.vanishSocket(s);
            } else {
                net.tcp.crashSocket(s);
            }
        }
        Task<?> self = Curio.currentTask();
        boolean ownHost = false;
        for (Task<?> t : List.copyOf(tasks)) {
            if (t == self) {
                ownHost = true;
            } else if (!t.terminated()) {
                t.cancel(false);
            }
        }
        tasks.clear();
        if (ownHost) {
            // the calling task ran on this host: it goes with it, at its next blocking call
            curio.api.trap.Traps.setCancellation("SimHost.crash()", new curio.api.TaskCancelled("host " + name
                    + (powerCut ? " lost its power" : " was killed")));
        }
    }

    /**
     * Brings a host that lost its power or was killed back, and starts its main task again (see {@link #run}).
     *
     * @return the new main task, or null if the host has none
     * @throws IllegalStateException if the host is running: a second copy of its main would run beside the first
     */
    public Task<?> restart() {
        if (!down) {
            throw new IllegalStateException("restart() of host " + name + ", which is running: restart is for a host"
                    + " that crashed or was killed (crash() or kill() it first)");
        }
        down = false;
        poweredOff = false;
        net.trace.record(Trace.RESTART, net.hostIndex(this), 0);
        return main == null ? null : spawn(main);
    }

    /**
     * Returns whether the host is down: its power cut ({@link #crash()}) or its process killed ({@link #kill()}),
     * and not restarted.
     *
     * @return true if down
     */
    public boolean isDown() {
        return down;
    }

    /**
     * Gives this host's disk a hardship of its own, instead of the network's ({@link Hardship#disk()}).
     * <pre>{@code
     * net.host("db").diskHardship(DiskHardship.ROUGH.capacity(64 << 20));
     * }</pre>
     *
     * @param hardship what this host's disk does
     * @return this host
     */
    public SimHost diskHardship(DiskHardship hardship) {
        this.diskHardship = java.util.Objects.requireNonNull(hardship, "diskHardship");
        return this;
    }

    /** What this host's disk does: its own hardship, or the network's. */
    DiskHardship diskHardship() {
        return diskHardship != null ? diskHardship : net.hardship().disk();
    }

    SimDisk disk() {
        return disk;
    }

    /** Whether the host has no power: nothing it had answers, not even its OS. */
    boolean poweredOff() {
        return poweredOff;
    }

    // ------------------------------------------------------------------ the network's side

    void adopt(Task<?> t) {
        if (tasks.size() >= 64 && tasks.size() % 64 == 0) {
            tasks.removeIf(Task::terminated);
        }
        tasks.add(t);
    }

    boolean belongsTo(SimNetwork n) {
        return net == n;
    }

    boolean hasAddress(InetAddress a) {
        return a.isLoopbackAddress() || a.isAnyLocalAddress() || addresses.contains(a);
    }

    /** Binds {@code s} at {@code at} (null: an unnamed Unix socket); returns the address bound. */
    SocketAddress bind(SimSocket s, SocketAddress at) throws IOException {
        if (down) {
            throw new IOException("host " + name + " is down");
        }
        if (s.kind() == SocketKind.UNIX_STREAM) {
            if (at == null) {
                return UnixDomainSocketAddress.of("");
            }
            if (!(at instanceof UnixDomainSocketAddress u)) {
                throw new IllegalArgumentException("a Unix-domain socket binds to a path, got " + at);
            }
            String path = u.getPath().toString();
            if (unixPaths.containsKey(path)) {
                throw new BindException("Address already in use (EADDRINUSE) in bind to " + path + " on host " + name);
            }
            unixPaths.put(path, s);
            return u;
        }
        if (!(at instanceof InetSocketAddress inet) || inet.isUnresolved()) {
            throw new IllegalArgumentException("an IP socket binds to a resolved InetSocketAddress, got " + at);
        }
        if (!hasAddress(inet.getAddress())) {
            throw new BindException("Cannot assign requested address (EADDRNOTAVAIL) in bind to " + at
                    + ": " + this + " has those and loopback");
        }
        int port = inet.getPort();
        boolean stream = s.kind().stream();
        if (port == 0) {
            port = ephemeral(stream);
        } else if (stream ? !tcpPortFree(port, s) : udpPorts.containsKey(port)) {
            throw new BindException("Address already in use (EADDRINUSE) in bind to " + at + " on host " + name);
        }
        if (stream) {
            tcpPorts.computeIfAbsent(port, p -> new ArrayList<>()).add(s);
        } else {
            udpPorts.put(port, s);
        }
        return new InetSocketAddress(inet.getAddress(), port);
    }

    private boolean tcpPortFree(int port, SimSocket s) {
        List<SimSocket> users = tcpPorts.get(port);
        if (users == null || users.isEmpty()) {
            return true;
        }
        return s.reusePort() && users.stream().allMatch(SimSocket::reusePort);
    }

    private int ephemeral(boolean stream) throws BindException {
        for (int i = 0; i < 65536 - FIRST_EPHEMERAL; i++) {
            int p = nextEphemeral;
            nextEphemeral = p == 65535 ? FIRST_EPHEMERAL : p + 1;
            if (stream ? !tcpPorts.containsKey(p) : !udpPorts.containsKey(p)) {
                return p;
            }
        }
        throw new BindException("Address already in use (EADDRINUSE): host " + name + " has no free port left");
    }

    void opened(SimSocket s) {
        sockets.add(s);
    }

    void closed(SimSocket s) {
        sockets.remove(s);
        SocketAddress a = s.local;
        if (a instanceof UnixDomainSocketAddress u) {
            unixPaths.remove(u.getPath().toString(), s);
        } else if (a instanceof InetSocketAddress inet && s.kind().stream()) {
            List<SimSocket> users = tcpPorts.get(inet.getPort());
            if (users != null) {
                users.remove(s);
                if (users.isEmpty()) {
                    tcpPorts.remove(inet.getPort());
                }
            }
        } else if (a instanceof InetSocketAddress inet) {
            udpPorts.remove(inet.getPort(), s);
        }
    }

    /** The listeners a connection to {@code to} may reach (several with SO_REUSEPORT). */
    List<SimSocket> listeners(SocketAddress to) {
        List<SimSocket> found = new ArrayList<>();
        if (to instanceof UnixDomainSocketAddress u) {
            SimSocket s = unixPaths.get(u.getPath().toString());
            if (s != null && s.state == SimSocket.State.LISTENING) {
                found.add(s);
            }
            return found;
        }
        InetSocketAddress inet = (InetSocketAddress) to;
        for (SimSocket s : tcpPorts.getOrDefault(inet.getPort(), List.of())) {
            InetAddress bound = ((InetSocketAddress) s.local).getAddress();
            InetAddress dst = inet.getAddress();
            if (s.state == SimSocket.State.LISTENING
                    && (bound.isAnyLocalAddress() && (bound instanceof java.net.Inet6Address || dst instanceof java.net.Inet4Address)
                        || bound.equals(dst) || bound.isLoopbackAddress() && dst.isLoopbackAddress())) {
                // "::" takes both families (a dual-stack socket), "0.0.0.0" IPv4 only
                found.add(s);
            }
        }
        return found;
    }

    SimSocket udpSocket(int port) {
        return udpPorts.get(port);
    }

    @Override
    public String toString() {
        return "host " + name + " (" + addresses.stream().map(InetAddress::getHostAddress)
                .collect(java.util.stream.Collectors.joining(", ")) + ")";
    }
}
