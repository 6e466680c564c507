package curio.sim;

import curio.api.Activation;
import curio.api.spi.BackendClock;
import curio.api.spi.IoHandle;
import curio.api.spi.NameResolver;
import curio.api.spi.Randomness;
import curio.api.spi.ReadinessSelector;
import curio.api.spi.ReadyHandler;
import curio.api.spi.SocketHandle;
import curio.api.spi.SocketKind;
import curio.api.spi.ThreadWaits;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The one selector of a {@link SimNetwork}. {@link #select} delivers what the network scheduled up to
 * the clock's time, then reports the sockets whose state changed and that are ready in a direction of
 * interest. Readiness is level-triggered: a socket reported stays a candidate until it is found not
 * ready, so nothing is lost if its task does not consume everything.
 * <p>Attached to a kernel it reads the kernel's virtual clock. Used on its own (the selector contract
 * does), it keeps a virtual clock of its own that {@code select} moves to the next event within its
 * timeout; a select with nothing scheduled then waits, in real time, for {@link #wakeup()}.
 */
final class SimSelector implements ReadinessSelector, BackendClock {

    private final SimNetwork net;
    private final ArrayDeque<SimSocket> candidates = new ArrayDeque<>();
    private final List<SimSocket> opened = new ArrayList<>();
    private LongSupplier clock;          // the kernel's, once attached
    private long ownClock;               // used while not attached
    private boolean changedSinceSelect;  // a state change made a socket ready outside an event
    private volatile boolean woken;
    private volatile Thread waiting;
    private boolean closed;

    SimSelector(SimNetwork net) {
        this.net = net;
    }

    long now() {
        return clock != null ? clock.getAsLong() : ownClock;
    }

    /** A socket's state changed: it may be ready now. */
    void changed(SimSocket s) {
        changedSinceSelect = true;
        if (!s.queued && s.state != SimSocket.State.CLOSED) {
            s.queued = true;
            candidates.add(s);
        }
    }

    /** A socket the network made for this selector's kernel (an accepted connection). */
    void adopt(SimSocket s) {
        opened.add(s);
    }

    void closed(SimSocket s) {
        opened.remove(s);
    }

    @Override
    public void attach(LongSupplier kernelClock) {
        this.clock = kernelClock;
    }

    /**
     * Now, if a select would report something: a socket changed since the last select, or a candidate
     * is still ready in a direction of interest (the kernel may wait again on a socket whose interest
     * it kept, without telling the selector, and a level-triggered selector reports it at once).
     */
    @Override
    public long nextEvent() {
        if (changedSinceSelect) {
            return now();
        }
        for (SimSocket s : candidates) {
            if (s.state != SimSocket.State.CLOSED && (s.readyOps() & s.wanted) != 0) {
                return now();
            }
        }
        return net.nextEventTime();
    }

    /**
     * What a simulated world offers the kernel in place of the real one: its clock (this selector), its
     * hosts' names, a refusal of thread waits, randomness from the seed, the network's watch on tasks, and
     * each host's disk.
     */
    @Override
    public <C> C capability(Class<C> kind) {
        Object offered = kind == BackendClock.class ? this
                : kind == NameResolver.class ? names
                : kind == ThreadWaits.class ? NO_THREADS
                : kind == Randomness.class ? randomness
                : kind == Activation.class ? net.tracer()
                : kind == curio.api.spi.Disk.class ? net.files()
                : null;
        return kind.cast(offered);
    }

    private static final ThreadWaits NO_THREADS = ThreadWaits.refused("a simulated kernel refuses them, since the"
            + " thread would finish in real time and the same seed could give another run");

    private final NameResolver names = this::resolve;

    private final Randomness randomness = new SeededRandomness();

    /** A simulated world's randomness: all of it from the seed, TLS's too (see {@link SeededSecurity}). */
    final class SeededRandomness implements Randomness {
        @Override
        public java.util.random.RandomGenerator program() {
            return net.programRandom();
        }

        @Override
        public java.util.random.RandomGenerator readyOrder() {
            return net.readyShuffle();
        }

        /** What must be unpredictable in this world (TLS, nonces): drawn from the seed too. */
        @Override
        public java.security.SecureRandom secure() {
            return net.secureRandom();
        }
    }

    private InetAddress[] resolve(String host) throws UnknownHostException {
        return net.resolve(host);
    }

    @Override
    public String name() {
        return SimNetwork.NAME;
    }

    @Override
    public SocketHandle openSocket(SocketKind kind) throws IOException {
        if (closed) {
            throw new ClosedChannelException();
        }
        SimSocket s = net.open(this, kind);
        opened.add(s);
        return s;
    }

    @Override
    public void interest(IoHandle handle, int ops) throws IOException {
        SimSocket s = (SimSocket) handle;
        if (s.isClosed()) {
            if (ops != 0) {
                throw new ClosedChannelException();
            }
            return;
        }
        s.wanted = ops;
        if (ops != 0) {
            changed(s);
        }
    }

    @Override
    public boolean owns(IoHandle handle) {
        return handle instanceof SimSocket s && s.selector == this;
    }

    @Override
    public int select(long timeoutNanos, ReadyHandler handler) throws IOException {
        if (clock == null) {
            advanceOwnClock(timeoutNanos);
        } else {
            net.checkLimit(now());
        }
        net.runDue(now());
        changedSinceSelect = false;
        int reported = 0;
        for (int i = candidates.size(); i > 0; i--) {
            SimSocket s = candidates.poll();
            s.queued = false;
            int ops = s.state == SimSocket.State.CLOSED ? 0 : s.readyOps() & s.wanted;
            if (ops != 0) {
                s.queued = true;
                candidates.add(s); // level-triggered: look again next time
                handler.ready(s, ops);
                reported++;
            }
        }
        return reported;
    }

    /** Alone, with no kernel: time moves to the next event within the timeout, else waits for a wake-up. */
    private void advanceOwnClock(long timeoutNanos) {
        if (timeoutNanos == 0 || changedSinceSelect || woken) {
            woken = false;
            return;
        }
        long next = net.nextEventTime();
        if (next != NO_EVENT) {
            long limit = timeoutNanos < 0 ? next : Math.min(next, ownClock + timeoutNanos);
            ownClock = Math.max(ownClock, limit);
            return;
        }
        waiting = Thread.currentThread();
        long deadline = System.nanoTime() + timeoutNanos;
        while (!woken && (timeoutNanos < 0 || System.nanoTime() < deadline)) {
            if (timeoutNanos < 0) {
                java.util.concurrent.locks.LockSupport.park(this);
            } else {
                java.util.concurrent.locks.LockSupport.parkNanos(this, deadline - System.nanoTime());
            }
        }
        waiting = null;
        if (timeoutNanos > 0) {
            ownClock += timeoutNanos;
        }
        woken = false;
    }

    @Override
    public void wakeup() {
        woken = true;
        Thread t = waiting;
        if (t != null) {
            java.util.concurrent.locks.LockSupport.unpark(t);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (SimSocket s : List.copyOf(opened)) {
            s.close();
        }
        candidates.clear();
        net.selectorClosed(this);
    }
}
