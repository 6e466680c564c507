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
    private boolean down;

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
     * Crashes the host, as a power cut would: each of its connections is reset (its peers read
     * "connection reset"), its listeners and bound ports vanish, and its tasks are cancelled: the ones
     * started with {@link #spawn} and {@link #run}, and every task those started (the network watches
     * each task its kernel creates). Must be called from a task.
     */
    public void crash() {
        down = true;
        net.record(SimNetwork.CRASH, net.hostIndex(this), 0);
        for (SimSocket s : List.copyOf(sockets)) {
            net.crashSocket(s);
        }
        for (Task<?> t : List.copyOf(tasks)) {
            if (!t.terminated() && t != Curio.currentTask()) {
                t.cancel(false);
            }
        }
        tasks.clear();
    }

    /**
     * Brings a crashed host back and starts its main task again (see {@link #run}).
     *
     * @return the new main task, or null if the host has none
     * @throws IllegalStateException if the host is running: a second copy of its main would run beside the first
     */
    public Task<?> restart() {
        if (!down) {
            throw new IllegalStateException("restart() of host " + name + ", which is running: restart is for a crashed"
                    + " host (crash() it first)");
        }
        down = false;
        net.record(SimNetwork.RESTART, net.hostIndex(this), 0);
        return main == null ? null : spawn(main);
    }

    /**
     * Returns whether the host is down (crashed and not restarted).
     *
     * @return true if crashed
     */
    public boolean isDown() {
        return down;
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
