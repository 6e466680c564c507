package curio.bench.sim;

import curio.api.Curio;
import curio.api.Task;
import curio.net.Net;
import curio.net.Socket;
import curio.net.SocketStream;
import curio.sim.Hardship;
import curio.sim.SimHost;
import curio.sim.SimNetwork;
import curio.sim.Simulation;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How fast the simulated network runs (issue 16): simulated echo round trips per real second, the
 * README's echo code on 100 simulated clients; and seeds per second of a chat scenario, 10 clients
 * for 60 simulated seconds on a network that splits and delays every byte; and, as the floor under both,
 * what one traced task switch costs in a simulation.
 * <pre>
 * java --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED \
 *      -cp bench/target/benchmarks.jar \
 *      curio.bench.sim.SimBenchmark [roundTripsPerClient=2000] [seeds=200] [rounds=3] [carriers]
 * </pre>
 */
public final class SimBenchmark {

    private SimBenchmark() {}

    /**
     * Echo: 100 clients on 100 hosts, each {@code trips} round trips of 64 bytes with {@code recv} and
     * {@code sendAll}, no hardship. Returns the round trips done (all of them, or it throws).
     *
     * @param seed the seed
     * @param clients how many clients
     * @param trips round trips per client
     * @param carrier the carrier
     * @return the round trips done
     */
    public static long echo(long seed, int clients, int trips, String carrier) {
        long[] done = {0};
        Simulation.run(seed, Hardship.NONE, carrier, net -> {
            SimHost server = net.host("server");
            server.run(() -> {
                Socket listener = Net.tcpServerSocket("", 25000, 1024, false);
                while (true) {
                    Socket client = listener.accept();
                    Curio.spawnDaemon(() -> {
                        try (client) {
                            for (byte[] data = client.recv(100_000); data.length > 0; data = client.recv(100_000)) {
                                client.sendAll(data);
                            }
                        }
                    });
                }
            });
            List<Task<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                running.add(net.host("client" + c).spawn(() -> {
                    byte[] message = new byte[64];
                    try (Socket s = Socket.tcp()) {
                        s.connect(new InetSocketAddress(server.address(), 25000));
                        for (int i = 0; i < trips; i++) {
                            s.sendAll(message);
                            for (int got = 0; got < message.length; ) {
                                got += s.recv(message.length - got).length;
                            }
                            done[0]++;
                        }
                    }
                }));
            }
            for (Task<?> t : running) {
                t.join();
            }
        }).rethrow();
        return done[0];
    }

    /**
     * The floor under every simulated program: {@code tasks} tasks on as many hosts, each yielding
     * ({@code sleep(0)}) {@code yields} times, so each yield is a switch to another task, traced as in any
     * simulation. Returns the switches made (all of them, or it throws).
     *
     * @param seed the seed
     * @param tasks how many tasks
     * @param yields yields per task
     * @param carrier the carrier
     * @return the switches made
     */
    public static long switches(long seed, int tasks, int yields, String carrier) {
        long[] done = {0};
        Simulation.run(seed, Hardship.NONE, carrier, net -> {
            List<Task<?>> running = new ArrayList<>();
            for (int t = 0; t < tasks; t++) {
                running.add(net.host("yielder" + t).spawn(() -> {
                    for (int i = 0; i < yields; i++) {
                        Curio.sleep(Duration.ZERO);
                        done[0]++;
                    }
                }));
            }
            for (Task<?> t : running) {
                t.join();
            }
        }).rethrow();
        return done[0];
    }

    /** The chat's network: every byte delayed 1-10 ms and split at random points, no resets or losses. */
    static final Hardship CHAT_HARDSHIP = Hardship.ROUGH.resets(0).refusals(0).drops(0);

    /**
     * The chat scenario as one simulated program: a broadcast server and {@code clients} clients, each
     * sending a line every 100 ms for {@code seconds} simulated seconds; every line goes to every other
     * client, and the run fails unless each client receives all the others' lines. A run's state
     * lives inside the body, so runs of it may go on in parallel.
     *
     * @param clients how many clients
     * @param seconds simulated seconds of talk
     * @return the program
     */
    public static Simulation.Body chatRoom(int clients, int seconds) {
        return net -> {
            List<SocketStream> room = new ArrayList<>();
            SimHost server = net.host("chat");
            server.run(() -> Net.tcpServer("", 25001, (client, from) -> {
                SocketStream s = client.asStream();
                room.add(s);
                try {
                    for (byte[] line = s.readLine(); line.length > 0; line = s.readLine()) {
                        for (SocketStream other : List.copyOf(room)) {
                            if (other != s) {
                                other.write(line);
                            }
                        }
                    }
                } finally {
                    room.remove(s);
                }
            }));
            int lines = seconds * 10;
            List<Task<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int id = c;
                running.add(net.host("user" + c).spawn(() -> {
                    try (SocketStream s = Net.openConnection("chat", 25001)) {
                        Curio.sleep(Duration.ofSeconds(1)); // everyone is in
                        Task<?> talk = Curio.spawn(() -> {
                            for (int i = 0; i < lines; i++) {
                                s.write(("user" + id + " line " + i + "\n").getBytes(StandardCharsets.US_ASCII));
                                Curio.sleep(Duration.ofMillis(100));
                            }
                        });
                        for (int expected = (clients - 1) * lines; expected > 0; expected--) {
                            if (s.readLine().length == 0) {
                                throw new IllegalStateException("user" + id + ": the room closed early");
                            }
                        }
                        talk.join();
                    }
                }));
            }
            for (Task<?> t : running) {
                t.join(); // a client that got fewer lines than it expected never ends: the run fails as a deadlock
            }
        };
    }

    /**
     * One chat run ({@link #chatRoom}) under {@code seed}. Returns the lines delivered.
     *
     * @param seed the seed
     * @param clients how many clients
     * @param seconds simulated seconds of talk
     * @param carrier the carrier
     * @return the lines delivered
     */
    public static long chat(long seed, int clients, int seconds, String carrier) {
        Simulation.Outcome outcome = Simulation.run(seed, CHAT_HARDSHIP, carrier, chatRoom(clients, seconds));
        outcome.rethrow();
        chatTraceEvents += outcome.traceLength();
        return (long) clients * (clients - 1) * seconds * 10;
    }

    /** Trace events (task switches, each counted as a resume and a suspend, and socket events) of the chats run so far. */
    static long chatTraceEvents;

    /**
     * The chat as a user checks it: {@code Simulation.check} over seeds 1 to {@code seeds}, {@code
     * parallelism} seeds at a time, on {@code carrier}. Returns how many seeds passed (all, or it throws).
     *
     * @param seeds how many seeds
     * @param parallelism seeds at a time
     * @param clients how many clients
     * @param seconds simulated seconds of talk
     * @param carrier the carrier
     * @return the seeds that passed
     */
    public static int chatSeeds(int seeds, int parallelism, int clients, int seconds, String carrier) {
        String before = System.getProperty("curio.carrier");
        System.setProperty("curio.carrier", carrier);
        try {
            return Simulation.check(seeds, CHAT_HARDSHIP, parallelism, chatRoom(clients, seconds));
        } finally {
            if (before == null) {
                System.clearProperty("curio.carrier");
            } else {
                System.setProperty("curio.carrier", before);
            }
        }
    }

    /**
     * Runs the measures and prints a table: echo, the chat one seed after another on this thread and as
     * {@code Simulation.check} over the same seeds on every processor, and the switch floor.
     *
     * @param args round trips per client (2000), seeds (200), rounds (3), carriers ("continuation,virtual")
     */
    public static void main(String[] args) {
        int trips = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int cpus = Runtime.getRuntime().availableProcessors();
        System.out.println("| carrier | round | echo: simulated round trips/s (100 clients) | chat: seeds/s (10 clients, 60 simulated s) "
                + "| chat: trace events per seed | chat: ns per trace event | chat: seeds/s, check on " + cpus + " threads "
                + "| floor: ns per traced switch |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (String carrier : (args.length > 3 ? args[3] : "continuation,virtual").split(",")) {
            for (int w = 0; w < 8; w++) { // warm-up: echo settles after about six runs (two seconds), the rest after less
                echo(-w, 100, trips, carrier);
                switches(-w, 20, 5_000, carrier);
            }
            for (int s = 1; s <= Math.min(seeds, 20); s++) {
                chat(-s, 10, 60, carrier);
            }
            for (int r = 1; r <= rounds; r++) {
                long t0 = System.nanoTime();
                long trips0 = echo(r, 100, trips, carrier);
                double echoSeconds = (System.nanoTime() - t0) / 1e9;
                long t1 = System.nanoTime();
                chatTraceEvents = 0;
                for (int s = 1; s <= seeds; s++) {
                    chat(s, 10, 60, carrier);
                }
                double chatSeconds = (System.nanoTime() - t1) / 1e9;
                long t2 = System.nanoTime();
                int passed = seeds == 0 ? 0 : chatSeeds(seeds, cpus, 10, 60, carrier);
                double checkSeconds = (System.nanoTime() - t2) / 1e9;
                long t3 = System.nanoTime();
                long switched = switches(r, 20, 50_000, carrier);
                double switchNanos = (double) (System.nanoTime() - t3) / switched;
                System.out.printf(java.util.Locale.ROOT, "| %s | %d | %,.0f | %.1f | %,d | %.0f | %.1f | %.0f |%n", carrier, r,
                        trips0 / echoSeconds, seeds / chatSeconds, chatTraceEvents / Math.max(1, seeds),
                        chatSeconds * 1e9 / chatTraceEvents, passed / checkSeconds, switchNanos);
            }
        }
    }
}
