package curio.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import curio.api.Curio;
import curio.api.Task;
import curio.api.spi.SocketHandle;
import curio.api.spi.SocketKind;
import curio.api.trap.Traps;
import curio.test.EachBackend;
import curio.test.Kernels;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Issue 28 item 1: one task, one context, on every carrier. A thread-local or a scoped-value binding made in a
 * task is seen by that task only; tasks do not see the caller's thread-locals and leave them unchanged; a task
 * spawned inside a binding does not inherit it, as a thread started there would not.
 */
class TaskContextTest {

    private static final ThreadLocal<String> REQUEST = new ThreadLocal<>();
    private static final InheritableThreadLocal<String> INHERITABLE = new InheritableThreadLocal<>();
    private static final ScopedValue<String> USER = ScopedValue.newInstance();

    private static void sleep(int millis) {
        Curio.sleep(Duration.ofMillis(millis));
    }

    /** The measurement of the issue, as a test: the virtual carrier's row, on both carriers. */
    @EachBackend
    void eachTaskSeesItsOwnThreadLocalsAndBindingsOnly(String backend) {
        Map<String, String> seen = new TreeMap<>();
        REQUEST.set("caller");
        INHERITABLE.set("caller's inheritable");
        try {
            Kernels.run(backend, () -> {
                seen.put("carrier", Traps.kernel().carrierName());
                seen.put("main", String.valueOf(REQUEST.get()));
                seen.put("main's inheritable", String.valueOf(INHERITABLE.get()));
                INHERITABLE.set("main's inheritable");
                seen.put("a child's inheritable", Curio.spawn(() -> String.valueOf(INHERITABLE.get())).join());
                List<Task<?>> tasks = new ArrayList<>();
                for (int i = 1; i <= 2; i++) {
                    int n = i;
                    tasks.add(Curio.spawn(() -> {
                        seen.put("task " + n + " before", String.valueOf(REQUEST.get()));
                        REQUEST.set("request-" + n);
                        sleep(10);
                        seen.put("task " + n + " after", REQUEST.get());
                    }));
                }
                tasks.add(Curio.spawn(() -> ScopedValue.where(USER, "A").run(() -> {
                    Task<?> child = Curio.spawn(() -> seen.put("A's child", USER.orElse("unbound")));
                    seen.put("A", USER.get());
                    sleep(30);
                    seen.put("A after its sleep", USER.get());
                    child.join();
                })));
                tasks.add(Curio.spawn(() -> ScopedValue.where(USER, "B").run(() -> {
                    sleep(5);
                    seen.put("B", USER.get());
                    sleep(30);
                })));
                tasks.add(Curio.spawn(() -> {
                    sleep(15); // both bindings are open now
                    seen.put("C", USER.orElse("unbound"));
                }));
                for (Task<?> t : tasks) {
                    t.join();
                }
            });
            seen.put("caller after run", REQUEST.get());
            seen.put("caller's inheritable after run", INHERITABLE.get());
        } finally {
            REQUEST.remove();
            INHERITABLE.remove();
        }
        assertEquals(backend.substring(0, backend.indexOf(',')), seen.get("carrier"), "the carrier asked for ran");
        Map<String, String> expected = new TreeMap<>(Map.of(
                "main", "null", "task 1 before", "null", "task 1 after", "request-1",
                "task 2 before", "null", "task 2 after", "request-2",
                "A", "A", "A's child", "unbound", "A after its sleep", "A", "B", "B", "C", "unbound"));
        expected.put("caller after run", "caller");
        expected.put("main's inheritable", "null");
        expected.put("a child's inheritable", "null"); // inherited context is a TaskLocal's or a carrier's
        expected.put("caller's inheritable after run", "caller's inheritable");
        expected.put("carrier", seen.get("carrier"));
        assertEquals(expected, seen);
    }

    /**
     * The JDK keeps caches in thread-locals: java.nio reads a heap array through a temporary native buffer as
     * large as the read, kept in the reading thread's cache. Were those swapped with each task's thread-locals,
     * every task that once read a lot would keep its own: 100 tasks each asking for 1 MiB must not leave 100 MiB
     * of native memory behind. (JDK 25 keeps such terminating thread-locals in a map of their own, which the
     * carrier leaves with the kernel's thread.) The buffers are Unsafe.allocateMemory's, not direct buffers:
     * native memory tracking counts them.
     */
    @EachBackend
    void largeReadsInManyTasksDoNotMultiplyTheJdksBufferCaches(String backend) throws Exception {
        byte[] into = new byte[1 << 20]; // one array for every reader: a read copies out before any switch
        long[] grown = new long[1];
        Kernels.run(backend, () -> {
            List<SocketHandle> open = new ArrayList<>();
            List<SocketHandle[]> pairs = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                SocketHandle[] pair = IoTrapTest.pair(SocketKind.TCP_V4, new InetSocketAddress("127.0.0.1", 0));
                pairs.add(pair);
                open.add(pair[0]);
                open.add(pair[1]);
            }
            long before = nativeKib();
            List<Task<?>> readers = new ArrayList<>();
            for (SocketHandle[] pair : pairs) {
                readers.add(Curio.spawn(() -> {
                    int got = 0;
                    while (got < into.length) {
                        int n = pair[1].read(into, 0, into.length); // asks for 1 MiB every time
                        if (n == SocketHandle.WOULD_BLOCK) {
                            Traps.readWait(pair[1]);
                        } else {
                            got += n;
                        }
                    }
                }));
                Curio.spawn(() -> IoTrapTest.writeAll(pair[0], new byte[1 << 20]));
            }
            for (Task<?> r : readers) {
                r.join();
            }
            grown[0] = nativeKib() - before;
            for (SocketHandle h : open) {
                Traps.ioRelease(h);
                h.close();
            }
        });
        assertTrue(grown[0] < 40 << 10, "native memory grew by " + grown[0] + " KiB for 100 tasks' reads");
    }

    /** Native memory of the kind Unsafe.allocateMemory makes ("Other"), in KiB, from native memory tracking. */
    private static long nativeKib() throws Exception {
        String summary = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "vmNativeMemory",
                new Object[] {new String[] {"summary"}}, new String[] {String[].class.getName()});
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("- +Other \\(reserved=(\\d+)KB").matcher(summary);
        if (!m.find()) {
            throw new IllegalStateException("no Other in the native memory summary (is -XX:NativeMemoryTracking=summary"
                    + " in the test JVM's flags?): " + summary);
        }
        return Long.parseLong(m.group(1));
    }

    private static final curio.api.TaskLocal<String> LOCAL = new curio.api.TaskLocal<>();
    private static final curio.api.TaskLocal<List<String>> PER_TASK = curio.api.TaskLocal.withInitial(ArrayList::new);

    /** Issue 28 item 2: a task-local is inherited at spawn and never shared between siblings or back to the parent. */
    @EachBackend
    void aTaskLocalIsInheritedAtSpawnAndNeverShared(String backend) {
        Map<String, String> seen = new TreeMap<>();
        Kernels.run(backend, () -> {
            seen.put("main before", String.valueOf(LOCAL.get()));
            LOCAL.set("p");
            Task<?> first = Curio.spawn(() -> {
                seen.put("first at start", LOCAL.get());
                LOCAL.set("first's");
                sleep(10);
                seen.put("first later", LOCAL.get());
            });
            Curio.schedule(); // the first child has run and set its own value
            LOCAL.set("p2");
            Task<?> second = Curio.spawn(() -> seen.put("second at start", LOCAL.get()));
            first.join();
            second.join();
            seen.put("main after", LOCAL.get());
            PER_TASK.get().add("main");
            Curio.spawn(() -> seen.put("child's own initial list", String.valueOf(PER_TASK.get()))).join();
            seen.put("main's list", String.valueOf(PER_TASK.get()));
            LOCAL.set(null);
            seen.put("main set to null", String.valueOf(LOCAL.get()));
        });
        assertEquals(new TreeMap<>(Map.of("main before", "null", "first at start", "p", "first later", "first's",
                "second at start", "p2", "main after", "p2", "child's own initial list", "[main]",
                "main's list", "[main]", "main set to null", "null")), seen,
                "a child inherits the list its parent had; the supplier runs once per task that reads before setting");
    }

    private static final ThreadLocal<String> TENANT = new ThreadLocal<>();
    private static final List<String> CLEARED = java.util.Collections.synchronizedList(new ArrayList<>());

    static { // registered once for the JVM, as a program would; it records where it was cleared
        curio.api.spi.ContextCarrier<String> plain = curio.api.spi.ContextCarrier.of(TENANT);
        curio.api.spi.ContextCarrier.register(new curio.api.spi.ContextCarrier<String>() {
            @Override public String capture() { return plain.capture(); }
            @Override public void install(String state) { plain.install(state); }
            @Override public void clear() {
                CLEARED.add(Thread.currentThread().getName());
                plain.clear();
            }
        });
    }

    /** Issue 28 item 3: a task's context goes with its blocking work to a thread, and the thread is left clean. */
    @EachBackend
    void contextCrossesToThreadsAndTheWorkerIsLeftClean(String backend) {
        ThreadLocal<String> tenant = TENANT;
        List<String> cleared = CLEARED;
        cleared.clear();
        Map<String, String> seen = new TreeMap<>();
        Kernels.realTime(backend, () -> {
            tenant.set("acme");
            LOCAL.set("req-7");
            seen.put("runInThread", Curio.runInThread(() -> tenant.get() + "/" + LOCAL.get()));
            seen.put("blockInThread", Curio.blockInThread(() -> tenant.get() + "/" + LOCAL.get()));
            seen.put("spawnThread", Curio.spawnThread(() -> tenant.get() + "/" + LOCAL.get()).join());
            seen.put("spawned task", Curio.spawn(() -> tenant.get() + "/" + LOCAL.get()).join());
            Task<String> plain = Curio.spawn(() -> {
                tenant.remove();
                LOCAL.remove();
                return Curio.runInThread(() -> tenant.get() + "/" + LOCAL.get()); // on a worker used before
            });
            seen.put("a task without context, in a thread", plain.join());
            seen.put("the task after all that", tenant.get() + "/" + LOCAL.get());
            return null;
        });
        assertEquals(new TreeMap<>(Map.of("runInThread", "acme/req-7", "blockInThread", "acme/req-7",
                "spawnThread", "acme/req-7", "spawned task", "acme/req-7",
                "a task without context, in a thread", "null/null", "the task after all that", "acme/req-7")), seen);
        assertTrue(cleared.size() >= 4, "each thread is cleared after the work: " + cleared);
    }
}
