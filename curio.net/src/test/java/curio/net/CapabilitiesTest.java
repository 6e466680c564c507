package curio.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import curio.api.Activation;
import curio.api.Curio;
import curio.api.Kernel;
import curio.api.Task;
import curio.api.spi.BackendClock;
import curio.api.spi.IoHandle;
import curio.api.spi.NameResolver;
import curio.api.spi.Randomness;
import curio.api.spi.ReadinessSelector;
import curio.api.spi.ReadyHandler;
import curio.api.spi.SelectorProvider;
import curio.api.spi.SocketHandle;
import curio.api.spi.SocketKind;
import curio.api.spi.ThreadWaits;
import curio.test.EachCarrier;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Issue 25 item 1: the kernel learns what a backend offers through capabilities, so a backend written outside
 * this repository (here: one that wraps real sockets, as a fault injector would) gets everything the simulation
 * gets, and a backend that supplies none gets the real world.
 */
class CapabilitiesTest {

    /** Real nio sockets, with names, thread waits, randomness and a watch of this backend's own. */
    static final class Wrapped implements ReadinessSelector {
        final ReadinessSelector real;
        final AtomicInteger created = new AtomicInteger();
        final Activation watch = new Activation() {
            @Override
            public void created(Task<?> task) {
                created.incrementAndGet();
            }
        };
        final NameResolver names = host -> {
            if (host.equals("db.injected")) {
                return new InetAddress[] {InetAddress.getLoopbackAddress()};
            }
            throw new UnknownHostException(host + " (the injector knows only db.injected)");
        };
        final SplittableRandom seeded = new SplittableRandom(42);
        final Randomness randomness = () -> seeded;

        Wrapped(ReadinessSelector real) {
            this.real = real;
        }

        @Override
        public <C> C capability(Class<C> kind) {
            Object offered = kind == NameResolver.class ? names
                    : kind == ThreadWaits.class ? ThreadWaits.refused("the injector replays its runs")
                    : kind == Randomness.class ? randomness
                    : kind == Activation.class ? watch
                    : null;
            return kind.cast(offered);
        }

        @Override public String name() { return "injector"; }
        @Override public SocketHandle openSocket(SocketKind kind) throws IOException { return real.openSocket(kind); }
        @Override public void interest(IoHandle handle, int ops) throws IOException { real.interest(handle, ops); }
        @Override public boolean owns(IoHandle handle) { return real.owns(handle); }
        @Override public int select(long timeoutNanos, ReadyHandler handler) throws IOException {
            return real.select(timeoutNanos, handler);
        }
        @Override public void wakeup() { real.wakeup(); }
        @Override public void close() throws IOException { real.close(); }
    }

    /** A world with no sockets whose events are ticks of its own clock, every 10 simulated minutes. */
    static final class Ticking implements ReadinessSelector, BackendClock {
        LongSupplier clock;
        final List<Long> timeouts = new ArrayList<>();
        long nextTick = Duration.ofMinutes(10).toNanos();

        @Override
        public <C> C capability(Class<C> kind) {
            return kind == BackendClock.class ? kind.cast(this) : null;
        }

        @Override public void attach(LongSupplier kernelClock) { clock = kernelClock; }
        @Override public long nextEvent() { return nextTick; }
        @Override public String name() { return "ticking"; }
        @Override public SocketHandle openSocket(SocketKind kind) { throw new UnsupportedOperationException(); }
        @Override public void interest(IoHandle handle, int ops) {}
        @Override public boolean owns(IoHandle handle) { return false; }
        @Override public int select(long timeoutNanos, ReadyHandler handler) {
            timeouts.add(timeoutNanos);
            while (nextTick <= clock.getAsLong()) {
                nextTick += Duration.ofMinutes(10).toNanos();
            }
            return 0;
        }
        @Override public void wakeup() {}
        @Override public void close() {}
    }

    private static SelectorProvider provider(String name, java.util.function.Supplier<ReadinessSelector> open) {
        return new SelectorProvider() {
            @Override public String name() { return name; }
            @Override public int priority() { return 0; }
            @Override public Optional<String> unsupportedReason() { return Optional.empty(); }
            @Override public ReadinessSelector open() { return open.get(); }
        };
    }

    private static ReadinessSelector nio() {
        try {
            return curio.api.spi.Providers.selector("nio").open();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @EachCarrier
    void aBackendFromOutsideSuppliesNamesThreadWaitsRandomnessAndAWatch(String carrier) throws Exception {
        Wrapped[] made = new Wrapped[1];
        SelectorProvider injector = provider("injector", () -> made[0] = new Wrapped(nio()));
        try (Kernel kernel = Kernel.builder().carrier(carrier).selector(injector).build()) {
            kernel.run(() -> {
                try (Socket listener = Socket.tcp()) {
                    listener.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                    listener.listen(1);
                    int port = ((java.net.InetSocketAddress) listener.localAddress()).getPort();
                    Task<?> server = Curio.spawn(() -> {
                        try (Socket c = listener.accept()) {
                            c.sendAll("hi\n".getBytes(StandardCharsets.US_ASCII));
                        }
                    });
                    try (SocketStream s = Net.openConnection("db.injected", port)) {
                        assertEquals("hi\n", new String(s.readLine(), StandardCharsets.US_ASCII), "resolved by the backend");
                    }
                    server.join();
                }
                assertThrows(UnknownHostException.class, () -> Net.openConnection("elsewhere.example", 80));
                IllegalStateException refused = assertThrows(IllegalStateException.class, () -> Curio.runInThread(() -> 1));
                assertTrue(refused.getMessage().contains("the injector replays its runs"), refused.getMessage());
                assertEquals(new SplittableRandom(42).nextInt(1000), Curio.random().nextInt(1000), "drawn from its seed");
            });
        }
        assertTrue(made[0].created.get() >= 2, "the backend's watch saw the tasks: " + made[0].created.get());
    }

    @EachCarrier
    void aBackendThatKeepsTheTimeMovesTheKernelsClockToItsEvents(String carrier) throws Exception {
        Ticking[] made = new Ticking[1];
        try (Kernel kernel = Kernel.builder().carrier(carrier).selector(provider("ticking", () -> made[0] = new Ticking())).build()) {
            assertTrue(kernel.virtualClock(), "a backend clock puts the kernel on a virtual clock");
            long start = System.nanoTime();
            long slept = kernel.run(() -> {
                long before = Curio.clock();
                Curio.sleep(Duration.ofHours(5));
                return Curio.clock() - before;
            });
            assertEquals(Duration.ofHours(5).toNanos(), slept);
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(30).toNanos(), "five hours took real time");
        }
        assertFalse(made[0].timeouts.isEmpty(), "polled on every cycle");
        assertTrue(made[0].timeouts.stream().allMatch(t -> t == 0), "only ever polled, never waited: " + made[0].timeouts);
        assertTrue(made[0].nextTick > Duration.ofHours(5).toNanos(), "its events were reached on the way");
    }

    @EachCarrier
    void aBackendThatOffersNothingGetsTheRealWorld(String carrier) throws Exception {
        SelectorProvider plain = provider("plain", CapabilitiesTest::nio);
        try (Kernel kernel = Kernel.builder().carrier(carrier).selector(plain).build()) {
            assertFalse(kernel.virtualClock());
            assertEquals(7, kernel.run(() -> Curio.runInThread(() -> 7)), "thread waits allowed");
            InetAddress[] local = kernel.run(() -> curio.api.trap.Traps.capability("test", NameResolver.class).resolve("localhost"));
            assertTrue(local.length > 0 && local[0].isLoopbackAddress(), "the JDK's resolver");
            assertInstanceOf(java.util.concurrent.ThreadLocalRandom.class, kernel.run(() -> Curio.random()));
            assertEquals(curio.api.spi.Disk.SYSTEM, kernel.run(() -> curio.api.trap.Traps.capability("test", curio.api.spi.Disk.class)),
                    "the machine's file system");
        }
    }
}
