package curio.bench.kernel;

import curio.api.Curio;
import curio.api.Kernel;
import curio.api.Task;
import curio.net.Net;
import curio.net.Socket;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Heap per idle task (1,000,000 tasks asleep) and per idle connection (10,000 open sockets, each
 * connection's server side waiting in a read), per carrier: the heap in use after full GCs, before and
 * while they wait, divided by their number.
 * <pre>
 * java -Xmx8g --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED --enable-native-access=ALL-UNNAMED \
 *      -cp bench/target/benchmarks.jar curio.bench.kernel.Footprint [tasks] [connections]
 * </pre>
 */
public final class Footprint {

    private Footprint() {}

    private static long usedHeap() {
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /**
     * Prints bytes per idle task and per idle socket for each carrier.
     *
     * @param args optional number of tasks (1,000,000) and of sockets (10,000)
     */
    public static void main(String[] args) {
        int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int sockets = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        for (String carrier : List.of("continuation", "virtual")) {
            try (Kernel k = Kernel.builder().carrier(carrier).build()) {
                long[] perTask = new long[1];
                long[] perSocket = new long[1];
                k.run(() -> {
                    long before = usedHeap();
                    for (int i = 0; i < tasks; i++) {
                        Curio.spawnDaemon(() -> Curio.sleep(Duration.ofDays(1)));
                    }
                    Curio.schedule(); // every task starts and suspends in its sleep
                    perTask[0] = (usedHeap() - before) / tasks;
                });
                k.run(() -> {
                    long before = usedHeap();
                    List<Socket> open = new ArrayList<>();
                    List<Task<?>> readers = new ArrayList<>();
                    try (Socket listener = Net.tcpServerSocket("127.0.0.1", 0, 4096, false)) {
                        for (int i = 0; i < sockets / 2; i++) {
                            Socket c = Socket.tcp();
                            c.connect(listener.localAddress());
                            Socket s = listener.accept();
                            readers.add(Curio.spawnDaemon(() -> s.recv(1))); // idle: a task waiting to read
                            open.add(c);
                            open.add(s);
                        }
                        Curio.schedule();
                        perSocket[0] = (usedHeap() - before) / (open.size());
                        for (Task<?> r : readers) {
                            r.cancel();
                        }
                        for (Socket s : open) {
                            s.close();
                        }
                    }
                });
                System.out.printf(Locale.ROOT, "%-13s %,d idle tasks: %,d B each; %,d idle sockets: %,d B each%n",
                        carrier, tasks, perTask[0], sockets, perSocket[0]);
            }
        }
    }
}
