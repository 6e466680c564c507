package curio.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import curio.api.Curio;
import curio.api.DeadlockException;
import curio.api.Task;
import curio.api.TaskTimeout;
import curio.net.Net;
import curio.net.Socket;
import curio.net.SocketStream;
import curio.test.EachCarrier;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Issue 16: whole networked programs in one simulated world, from a seed. */
class SimulationTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** A line echo server on host "server" and {@code clients} clients that each check their echoes. */
    static void lineEcho(SimNetwork net, int clients, int lines) throws Exception {
        SimHost server = net.host("server");
        server.run(() -> Net.tcpServer("", 7000, (client, from) -> {
            SocketStream s = client.asStream();
            for (byte[] line = s.readLine(); line.length > 0; line = s.readLine()) {
                s.write(line);
            }
        }));
        List<Task<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int id = c;
            running.add(net.host("client" + c).spawn(() -> {
                try (SocketStream s = Net.openConnection("server", 7000)) {
                    for (int i = 0; i < lines; i++) {
                        byte[] line = ascii("client " + id + " line " + i + " " + "x".repeat(i * 37 % 300) + "\n");
                        s.write(line);
                        assertArrayEquals(line, s.readLine(), "echo of line " + i + " to client " + id);
                    }
                }
            }));
        }
        for (Task<?> t : running) {
            t.join();
        }
    }

    @EachCarrier
    void aLineEchoSurvivesShortReadsWritesAndLatencyUnderManySeeds(String carrier) {
        Hardship rough = Hardship.ROUGH.resets(0).refusals(0); // every byte split and delayed; nothing lost
        for (long seed = 1; seed <= 20; seed++) {
            Simulation.run(seed, rough, carrier, net -> lineEcho(net, 5, 20)).rethrow();
        }
    }

    @EachCarrier
    void theSameSeedGivesTheSameRunOnEitherCarrier(String carrier) {
        Simulation.Outcome here = Simulation.run(7, Hardship.ROUGH.resets(0).refusals(0), carrier,
                net -> lineEcho(net, 3, 10));
        here.rethrow();
        String other = carrier.equals("continuation") ? "virtual" : "continuation";
        Simulation.Outcome there = Simulation.run(7, Hardship.ROUGH.resets(0).refusals(0), other,
                net -> lineEcho(net, 3, 10));
        assertEquals(here.traceHash(), there.traceHash(), "same seed, other carrier");
        assertEquals(here.traceLength(), there.traceLength());
        assertEquals(here.simulatedTime(), there.simulatedTime());
        assertTrue(here.traceLength() > 100, "the trace covers the run: " + here.traceLength());
        Simulation.Outcome seed8 = Simulation.run(8, Hardship.ROUGH.resets(0).refusals(0), carrier,
                net -> lineEcho(net, 3, 10));
        assertNotEquals(here.traceHash(), seed8.traceHash(), "another seed, another run");
    }

    /** The planted bug: a client that takes one recv for one whole line. */
    private static void oneRecvIsOneLine(SimNetwork net) throws Exception {
        net.host("server").run(() -> Net.tcpServer("", 7001, (client, from) -> {
            for (int i = 0; i < 5; i++) {
                client.sendAll(ascii("greeting number " + i + "\n"));
                Curio.sleep(Duration.ofMillis(50)); // one line at a time: on a perfect network, one recv each
            }
        }));
        net.host("client").spawn(() -> {
            try (Socket s = Net.openConnection("server", 7001).socket() instanceof Socket raw ? raw : null) {
                for (int i = 0; i < 5; i++) {
                    String got = new String(s.recv(1024), StandardCharsets.US_ASCII);
                    if (!got.equals("greeting number " + i + "\n")) {
                        throw new IllegalStateException("framing bug: got '" + got + "' for line " + i);
                    }
                }
            }
        }).join();
    }

    @EachCarrier
    void aPlantedFramingBugIsFoundWithinFiftySeedsAndItsSeedReplaysIt(String carrier) {
        Hardship splits = Hardship.NONE.shortReads(0.3).shortWrites(0.3).latency(Duration.ofMillis(1), Duration.ofMillis(2));
        assertTrue(Simulation.run(1, Hardship.NONE, carrier, SimulationTest::oneRecvIsOneLine).failure() == null,
                "on a perfect network the bug hides");
        AssertionError found = assertThrows(AssertionError.class,
                () -> Simulation.check(50, splits, SimulationTest::oneRecvIsOneLine));
        Matcher m = Pattern.compile("seed (\\d+) \\(replay it with -Dcurio.sim.seed=(\\d+)\\)").matcher(found.getMessage());
        assertTrue(m.find(), found.getMessage());
        long seed = Long.parseLong(m.group(1));
        Simulation.Outcome first = Simulation.run(seed, splits, carrier, SimulationTest::oneRecvIsOneLine);
        Simulation.Outcome again = Simulation.run(seed, splits, carrier, SimulationTest::oneRecvIsOneLine);
        assertTrue(first.failed() && again.failed(), "the seed replays the failure");
        Throwable cause = first.failure().getCause(); // the client task's failure (task ids are global: compare below them)
        assertInstanceOf(IllegalStateException.class, cause);
        assertTrue(cause.getMessage().startsWith("framing bug"), cause.getMessage());
        assertEquals(cause.getMessage(), again.failure().getCause().getMessage());
        assertEquals(first.traceHash(), again.traceHash());
    }

    @EachCarrier
    void seedsCheckedInParallelFailAtTheSeedOneAfterAnotherFinds(String carrier) {
        // Seeds 9 and 14 fail (the bug hides on a perfect network, as in the test above, and shows under splits).
        Hardship splits = Hardship.NONE.shortReads(0.3).shortWrites(0.3).latency(Duration.ofMillis(1), Duration.ofMillis(2));
        java.util.function.LongFunction<Simulation.Outcome> run = seed -> Simulation.run(seed,
                seed == 9 || seed == 14 ? splits : Hardship.NONE, carrier, SimulationTest::oneRecvIsOneLine);
        assertTrue(run.apply(9).failed() && run.apply(14).failed(), "the planted bug shows under these seeds");
        for (int threads : new int[] {1, 3}) {
            AssertionError found = assertThrows(AssertionError.class, () -> SeedRunners.check(50, threads, run));
            assertTrue(found.getMessage().startsWith("simulation failed with seed 9 (replay it with -Dcurio.sim.seed=9)"),
                    threads + " threads: " + found.getMessage());
        }
        assertEquals(12, SeedRunners.check(12, 3,
                seed -> Simulation.run(seed, Hardship.NONE, carrier, SimulationTest::oneRecvIsOneLine)), "every seed passes");
    }

    @org.junit.jupiter.api.Test
    void aCheckNeedsOneSeedAndOneThreadAtLeast() {
        IllegalArgumentException noThreads = assertThrows(IllegalArgumentException.class,
                () -> Simulation.check(10, Hardship.NONE, 0, net -> {}));
        assertEquals("parallelism must be at least 1, got 0", noThreads.getMessage());
        IllegalArgumentException noSeeds = assertThrows(IllegalArgumentException.class,
                () -> Simulation.check(0, Hardship.NONE, 2, net -> {}));
        assertEquals("seeds must be at least 1, got 0", noSeeds.getMessage());
        try (curio.api.Kernel k = curio.api.Kernel.builder().selector(new SimNetwork(1)).build()) {
            IllegalStateException inATask = assertThrows(IllegalStateException.class,
                    () -> k.run(() -> Simulation.check(2, Hardship.NONE, 2, net -> {})));
            assertTrue(inATask.getMessage().startsWith("Simulation.check runs kernels of its own"), inATask.getMessage());
        }
    }

    @EachCarrier
    void anHourOfTimeoutsAcrossAPartitionTakesNoRealTime(String carrier) {
        Simulation.Outcome o = Simulation.run(3, Hardship.NONE.latency(Duration.ofMillis(20), Duration.ZERO), carrier, net -> {
            SimHost server = net.host("server");
            SimHost client = net.host("client");
            server.run(() -> Net.tcpServer("", 7002, (c, from) -> {
                SocketStream s = c.asStream();
                for (byte[] line = s.readLine(); line.length > 0; line = s.readLine()) {
                    s.write(line);
                }
            }));
            client.spawn(() -> {
                try (SocketStream s = Net.openConnection("server", 7002)) {
                    s.write(ascii("before\n"));
                    assertArrayEquals(ascii("before\n"), s.readLine());
                    net.partition(server, client);
                    int timeouts = 0;
                    for (int i = 0; i < 60; i++) { // an hour of one-minute timeouts on an idle connection
                        if (Curio.ignoreAfter(Duration.ofMinutes(1), s::readLine) == null) {
                            timeouts++;
                        }
                    }
                    assertEquals(60, timeouts, "nothing crosses a partition");
                    net.repair(server, client);
                    s.write(ascii("after\n"));
                    assertArrayEquals(ascii("after\n"), s.readLine(), "an idle connection outlives a partition");
                    net.partition(server, client);
                    s.write(ascii("during\n"));
                    assertNull(Curio.ignoreAfter(Duration.ofMinutes(10), s::readLine), "nothing crosses a partition");
                    net.repair(server, client);
                    assertArrayEquals(ascii("during\n"), s.readLine(), "what waited ten minutes is delivered on repair");
                }
            }).join();
        });
        o.rethrow();
        assertTrue(o.simulatedTime().compareTo(Duration.ofHours(1)) >= 0, "simulated " + o.simulatedTime());
    }

    @EachCarrier
    void bytesAPartitionHoldsPastTcpsRetransmissionsGiveTheConnectionUp(String carrier) {
        Simulation.run(6, Hardship.NONE.latency(Duration.ofMillis(20), Duration.ZERO), carrier, net -> {
            SimHost server = net.host("server");
            SimHost client = net.host("client");
            SocketStream[] accepted = new SocketStream[1];
            server.run(() -> Net.tcpServer("", 7005, (c, from) -> {
                accepted[0] = c.asStream();
                Curio.sleep(Duration.ofDays(1)); // reads nothing: learns of the end only when it sends
            }));
            client.spawn(() -> {
                try (SocketStream s = Net.openConnection("server", 7005)) {
                    Curio.sleep(Duration.ofSeconds(1));
                    net.partition(server, client);
                    long start = Curio.clock();
                    s.write(ascii("stuck\n"));
                    SocketException gaveUp = assertThrows(SocketException.class, s::readLine);
                    double waited = (Curio.clock() - start) / 1e9;
                    assertTrue(gaveUp.getMessage().startsWith("Connection timed out (ETIMEDOUT)"), gaveUp.getMessage());
                    assertTrue(waited > 924 && waited < 926, "gave up after " + waited + " s (Linux: about 924.6 s)");
                    net.repair(server, client);
                    accepted[0].write(ascii("anyone there?\n")); // the server's OS still thinks it is connected
                    Curio.sleep(Duration.ofSeconds(1));
                    SocketException reset = assertThrows(SocketException.class, () -> accepted[0].write(ascii("hello?\n")));
                    assertTrue(reset.getMessage().startsWith("Connection reset by peer (ECONNRESET)"), reset.getMessage());
                }
            }).join();
        }).rethrow();
    }

    @EachCarrier
    void hostsHaveAnIpv6AddressTooAndEachWildcardTakesItsFamilies(String carrier) {
        Simulation.run(8, Hardship.NONE, carrier, net -> {
            SimHost server = net.host("server");
            SimHost client = net.host("client");
            SimHost old = net.host("old", "192.168.1.5"); // given one IPv4 address: no IPv6
            assertEquals(List.of(InetAddress.ofLiteral("10.0.0.1"), InetAddress.ofLiteral("fd00::1")), server.addresses());
            assertEquals(List.of(InetAddress.ofLiteral("192.168.1.5")), old.addresses());
            server.spawn(() -> {
                try (Socket dual = Socket.tcp6(); Socket v4 = Socket.tcp()) {
                    dual.bind(new InetSocketAddress(InetAddress.ofLiteral("::"), 7006));
                    dual.listen(5);
                    v4.bind(new InetSocketAddress(InetAddress.ofLiteral("0.0.0.0"), 7007));
                    v4.listen(5);
                    for (int i = 0; i < 2; i++) {
                        try (Socket c = dual.accept()) {
                            c.sendAll(ascii(((InetSocketAddress) c.remoteAddress()).getAddress().getHostAddress()));
                        }
                    }
                }
            });
            client.spawn(() -> {
                Curio.sleep(Duration.ofMillis(1));
                for (String to : List.of("fd00:0:0:0:0:0:0:1", "10.0.0.1")) {
                    try (Socket s = to.contains(":") ? Socket.tcp6() : Socket.tcp()) {
                        s.connect(new InetSocketAddress(InetAddress.ofLiteral(to), 7006));
                        String from = to.contains(":") ? "fd00:0:0:0:0:0:0:2" : "10.0.0.2";
                        assertEquals(from, new String(s.recv(100), StandardCharsets.US_ASCII), "the peer sees the client's own family");
                    }
                }
                try (Socket s = Socket.tcp6()) {
                    assertThrows(ConnectException.class, () -> s.connect(new InetSocketAddress(InetAddress.ofLiteral("fd00::1"), 7007)),
                            "0.0.0.0 takes IPv4 only");
                }
            }).join();
            old.spawn(() -> {
                try (Socket s = Socket.tcp6()) {
                    java.net.NoRouteToHostException e = assertThrows(java.net.NoRouteToHostException.class,
                            () -> s.connect(new InetSocketAddress(InetAddress.ofLiteral("fd00::1"), 7006)));
                    assertTrue(e.getMessage().startsWith("Network is unreachable (ENETUNREACH)"), e.getMessage());
                }
            }).join();
        }).rethrow();
    }

    @EachCarrier
    void aKilledProcessResetsThePeersAndARestartServesAgain(String carrier) {
        Simulation.run(4, Hardship.NONE.latency(Duration.ofMillis(5), Duration.ZERO), carrier, net -> {
            SimHost server = net.host("server");
            List<String> served = new ArrayList<>();
            server.run(() -> Net.tcpServer("", 7003, (c, from) -> {
                served.add("connection");
                SocketStream s = c.asStream();
                for (byte[] line = s.readLine(); line.length > 0; line = s.readLine()) {
                    s.write(line);
                }
            }));
            net.host("client").spawn(() -> {
                SocketStream s = Net.openConnection("server", 7003);
                s.write(ascii("one\n"));
                assertArrayEquals(ascii("one\n"), s.readLine());
                server.kill();
                assertTrue(server.isDown());
                long killedAt = Curio.clock();
                assertThrows(SocketException.class, s::readLine, "the killed process's OS resets the connection");
                s.close();
                ConnectException refused = assertThrows(ConnectException.class, () -> Net.openConnection("server", 7003));
                assertTrue(refused.getMessage().startsWith("Connection refused"), "nobody listens: " + refused.getMessage());
                assertTrue(Curio.clock() - killedAt < Duration.ofMillis(100).toNanos(), "at once, as an OS answers");
                server.restart();
                Curio.sleep(Duration.ofMillis(1));
                try (SocketStream again = Net.openConnection("server", 7003)) {
                    again.write(ascii("two\n"));
                    assertArrayEquals(ascii("two\n"), again.readLine());
                }
            }).join();
            assertEquals(List.of("connection", "connection"), served);
        }).rethrow();
    }

    @EachCarrier
    void aKernelOnANetworkWithoutSimulationWatchesEveryTaskToo(String carrier) {
        SimNetwork net = new SimNetwork(9);
        List<Task<?>> started = new ArrayList<>();
        try (curio.api.Kernel k = curio.api.Kernel.builder().selector(net).carrier(carrier).build()) {
            k.run(() -> {
                SimHost server = net.host("server");
                started.add(server.spawn(() -> {
                    started.add(Curio.spawn(() -> Curio.sleep(Duration.ofDays(1)))); // not spawned through the host
                    Curio.sleep(Duration.ofDays(1));
                }));
                Curio.sleep(Duration.ofMillis(1));
                server.crash();
                for (Task<?> t : started) {
                    t.awaitTermination();
                }
            });
        }
        assertEquals(2, started.size());
        assertTrue(started.stream().allMatch(Task::cancelled), "the crash cancels the host's task and the task it started");
        assertTrue(net.traceLength() >= 8, "the switches are in the trace: " + net.traceLength());
    }

    @EachCarrier
    void aSlowReaderHoldsUpSendAllAsOnARealSocket(String carrier) {
        Simulation.run(5, Hardship.NONE, carrier, net -> {
            Socket[] pair = new Socket[2];
            Socket listener = Net.tcpServerSocket("", 7004);
            Task<?> acceptor = Curio.spawn(() -> pair[1] = listener.accept());
            pair[0] = Socket.tcp();
            pair[0].connect(new InetSocketAddress("127.0.0.1", 7004));
            acceptor.join();
            byte[] big = new byte[1 << 20];
            curio.api.CancelledError e = assertThrows(TaskTimeout.class,
                    () -> Curio.timeoutAfter(Duration.ofSeconds(10), () -> pair[0].sendAll(big)));
            long sent = e.detail(curio.net.PartialIo.Sent.class).orElseThrow().bytes();
            assertTrue(sent >= 128 * 1024 && sent < big.length, "sent " + sent + ": both 64 KiB buffers full, then it waits");
            for (Socket s : pair) {
                s.close();
            }
            listener.close();
        }).rethrow();
    }

    @EachCarrier
    void datagramsAreLostAsThePolicySaysAndUnixStreamsWork(String carrier) {
        Simulation.run(6, Hardship.NONE.drops(0.5), carrier, net -> {
            Socket a = Socket.udp();
            Socket b = Socket.udp();
            a.bind(new InetSocketAddress("127.0.0.1", 0));
            b.bind(new InetSocketAddress("127.0.0.1", 9000));
            for (int i = 0; i < 100; i++) {
                a.sendTo(new byte[] {(byte) i}, b.localAddress());
            }
            int got = 0;
            while (Curio.ignoreAfter(Duration.ofSeconds(1), () -> b.recvFrom(16)) != null) {
                got++;
            }
            assertTrue(got > 25 && got < 75, "about half of 100 datagrams arrive: " + got);

            Socket unixListener = Socket.unix();
            unixListener.bind(UnixDomainSocketAddress.of("/run/app.sock"));
            unixListener.listen(4);
            Task<Socket> accepted = Curio.spawn(unixListener::accept);
            Socket u = Socket.unix();
            u.connect(UnixDomainSocketAddress.of("/run/app.sock"));
            Socket peer = accepted.join();
            u.sendAll(ascii("over a unix socket"));
            assertArrayEquals(ascii("over a unix socket"), peer.recv(100));
            for (Socket s : List.of(a, b, unixListener, u, peer)) {
                s.close();
            }
        }).rethrow();
    }

    @EachCarrier
    void aConnectAcrossAPartitionTimesOutAsTcpWouldAndARunThatNeverEndsIsFailed(String carrier) {
        Simulation.Outcome o = Simulation.run(11, Hardship.NONE, carrier, net -> {
            SimHost server = net.host("server");
            server.run(() -> Net.tcpServer("", 7005, (c, from) -> c.sendAll(ascii("hi"))));
            net.partition(server, net.localhost());
            long t0 = curio.api.trap.Traps.clock();
            ConnectException e = assertThrows(ConnectException.class, () -> Net.openConnection("server", 7005));
            assertTrue(e.getMessage().contains("ETIMEDOUT"), e.getMessage());
            long waited = curio.api.trap.Traps.clock() - t0;
            assertEquals(Duration.ofSeconds(127), Duration.ofNanos(waited), "SYN sent at 0, 1, 3, 7, 15, 31, 63 s");
        });
        o.rethrow();

        Simulation.Outcome forever = Simulation.run(12, Hardship.NONE, carrier, Duration.ofHours(2), net -> {
            while (true) {
                Curio.sleep(Duration.ofMinutes(1)); // a retry loop with no end
            }
        });
        assertInstanceOf(IllegalStateException.class, forever.failure());
        assertTrue(forever.failure().getMessage().contains("ran past its limit of PT2H"), forever.failure().getMessage());
        assertEquals(Duration.ofMinutes(121), forever.simulatedTime(), "failed at the first step past the limit");
    }

    private static List<Integer> wakeOrder(long seed, boolean shuffle, String carrier) {
        List<Integer> order = new ArrayList<>();
        Simulation.run(seed, Hardship.NONE, carrier, net -> {
            net.shuffleReadyTasks(shuffle);
            List<Task<?>> tasks = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                int id = i;
                tasks.add(Curio.spawn(() -> {
                    Curio.sleep(Duration.ofMillis(5)); // all wake at the same instant
                    order.add(id);
                }));
            }
            for (Task<?> t : tasks) {
                t.join();
            }
        }).rethrow();
        return order;
    }

    @EachCarrier
    void aSeededTieBreakExploresOtherSchedulesAndIsOffByDefault(String carrier) {
        java.util.Set<List<Integer>> orders = new java.util.HashSet<>();
        for (long seed = 1; seed <= 10; seed++) {
            assertEquals(List.of(0, 1, 2, 3, 4, 5), wakeOrder(seed, false, carrier), "FIFO, as Curio, unless asked");
            List<Integer> shuffled = wakeOrder(seed, true, carrier);
            assertEquals(shuffled, wakeOrder(seed, true, carrier), "the same seed, the same schedule");
            orders.add(shuffled);
        }
        assertTrue(orders.size() > 3, "ten seeds explore several schedules: " + orders);
    }

    @EachCarrier
    void aRefusedConnectAndAnUnknownHostAreClearErrors(String carrier) {
        Simulation.run(7, Hardship.NONE, carrier, net -> {
            net.host("server");
            ConnectException refused = assertThrows(ConnectException.class, () -> Net.openConnection("server", 1));
            assertTrue(refused.getMessage().contains("nothing listens"), refused.getMessage());
            assertThrows(java.net.UnknownHostException.class, () -> Net.openConnection("nowhere", 1));
        }).rethrow();
    }

    @EachCarrier
    void aSimulatedKernelRefusesThreadsAndReportsADeadlockInsteadOfHanging(String carrier) {
        Simulation.Outcome threads = Simulation.run(8, Hardship.NONE, carrier, net -> Curio.runInThread(() -> 1));
        assertInstanceOf(IllegalStateException.class, threads.failure());
        assertTrue(threads.failure().getMessage().contains("simulated kernel refuses"), threads.failure().getMessage());

        Simulation.Outcome silent = Simulation.run(9, Hardship.NONE, carrier, net -> {
            Socket[] pair = Socket.pair();
            pair[0].recv(10); // nobody will ever write: nothing in flight, no timer
        });
        assertInstanceOf(DeadlockException.class, silent.failure(), String.valueOf(silent.failure()));
    }

    @org.junit.jupiter.api.Test
    void misuseOfTheNetworkIsReportedByName() {
        SimNetwork net = new SimNetwork(1);
        SimHost a = net.host("a");
        SimHost stranger = new SimNetwork(2).host("b");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.partition(a, stranger));
        assertTrue(e.getMessage().contains("must both belong to this network"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> net.host("a"), "a name is taken once");
        assertThrows(IllegalArgumentException.class, () -> net.host("c", "127.0.0.1"), "loopback is reserved");
        assertThrows(IllegalArgumentException.class, () -> net.host("d", "not-an-address"));
        assertThrows(IllegalArgumentException.class, () -> Hardship.NONE.drops(1.5));
        assertThrows(IllegalArgumentException.class, () -> net.limit(Duration.ZERO));
        net.open();
        assertThrows(IllegalStateException.class, net::open, "one kernel per network");
    }

    @org.junit.jupiter.api.Test
    void theSimSelectorIsChosenOnlyByName() {
        // the only backend on this module's test path: still never chosen without its name
        IllegalStateException none = assertThrows(IllegalStateException.class, () -> curio.api.spi.Providers.selector(null));
        assertTrue(none.getMessage().contains("sim (priority -1, supported)"), none.getMessage());
        assertEquals("sim", curio.api.spi.Providers.selector("sim").name());
    }

    /** Issue 26 item 5: a thread is refused before it starts, not at its join. */
    @EachCarrier
    void spawnThreadIsRefusedBeforeTheThreadRuns(String carrier) {
        java.util.concurrent.atomic.AtomicBoolean ran = new java.util.concurrent.atomic.AtomicBoolean();
        Simulation.run(1, Hardship.NONE, carrier, net -> {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Curio.spawnThread(() -> {
                ran.set(true);
                return null;
            }));
            assertTrue(e.getMessage().startsWith("Curio.spawnThread() in a task of ") && e.getMessage().contains(
                    "refuses waits on other threads") && e.getMessage().endsWith("nothing was started"), e.getMessage());
        }).rethrow();
        assertTrue(!ran.get(), "the thread never ran");
    }

    /** Issue 26 item 8: a delay past the bound is refused, naming the field, before any arithmetic overflows. */
    @org.junit.jupiter.api.Test
    void delaysBeyondADayAreRefusedNamingTheField() {
        IllegalArgumentException forever = assertThrows(IllegalArgumentException.class,
                () -> Hardship.NONE.latency(java.time.temporal.ChronoUnit.FOREVER.getDuration(), Duration.ZERO));
        assertTrue(forever.getMessage().startsWith("Hardship.latency must be at most PT24H (Hardship.MAX_DELAY)"),
                forever.getMessage());
        IllegalArgumentException wraps = assertThrows(IllegalArgumentException.class,
                () -> Hardship.NONE.latency(Duration.ZERO, Duration.ofNanos(Long.MAX_VALUE - 1)));
        assertTrue(wraps.getMessage().startsWith("Hardship.jitter must be at most"), wraps.getMessage());
        assertEquals(Duration.ofDays(1), Hardship.NONE.latency(Duration.ofDays(1), Duration.ofDays(1)).latency());
    }

    /** Issue 26 item 9: automatic addresses skip the ones hosts were given by choice. */
    @EachCarrier
    void automaticAddressesSkipChosenOnes(String carrier) {
        Simulation.run(1, Hardship.NONE, carrier, net -> {
            net.host("a");
            SimHost db = net.host("db", "10.0.0.3");
            List<String> automatic = new ArrayList<>();
            for (String name : List.of("b", "c", "d", "e")) {
                automatic.add(net.host(name).address().getHostAddress());
            }
            assertEquals("10.0.0.3", db.address().getHostAddress());
            assertEquals(List.of("10.0.0.4", "10.0.0.5", "10.0.0.6", "10.0.0.7"), automatic,
                    "numbered by position, as before, stepping over the chosen 10.0.0.3");
        }).rethrow();
    }

    /** Issue 26 item 10: restart is for a crashed host; a running one would get a second copy of its main. */
    @EachCarrier
    void restartOfARunningHostIsRefused(String carrier) {
        Simulation.run(1, Hardship.NONE, carrier, net -> {
            SimHost h = net.host("h");
            h.run(() -> Curio.sleep(Duration.ofHours(1)));
            IllegalStateException e = assertThrows(IllegalStateException.class, h::restart);
            assertTrue(e.getMessage().startsWith("restart() of host h, which is running"), e.getMessage());
            h.crash();
            assertTrue(h.restart() != null, "after a crash it comes back");
            h.crash();
        }).rethrow();
    }

    /** Issue 26 item 13: a failing seed's first line names the seed and the user's own failure. */
    @EachCarrier
    void aFailingSeedsHeadlineIsTheUsersOwnFailure(String carrier) {
        AssertionError e = assertThrows(AssertionError.class, () -> Simulation.run(3, Hardship.NONE, carrier,
                net -> net.host("client").spawn(() -> assertEquals("expected", "actual", "the user's own message"))
                        .join()).rethrow());
        String headline = e.getMessage().lines().findFirst().orElseThrow();
        assertTrue(headline.startsWith("simulation failed with seed 3 (replay it with -Dcurio.sim.seed=3): "
                + "org.opentest4j.AssertionFailedError: the user's own message"), headline);
        assertTrue(headline.contains("(Task crash: Task("), "which task failed: " + headline);
    }

    /** Issue 26 item 3: the trace covers what was delivered, not only how much. */
    @EachCarrier
    void theTraceCoversContentNotOnlySizes(String carrier) {
        java.util.function.Function<Byte, Simulation.Outcome> runWith = fill -> Simulation.run(5, Hardship.NONE, carrier,
                net -> {
                    SimHost server = net.host("server");
                    server.run(() -> Net.tcpServer("", 7100, (c, from) -> c.asStream().readExactly(1000)));
                    net.host("client").spawn(() -> {
                        byte[] payload = new byte[1000];
                        java.util.Arrays.fill(payload, fill);
                        try (SocketStream s = Net.openConnection("server", 7100)) {
                            s.write(payload);
                        }
                        Curio.sleep(Duration.ofMillis(10));
                    }).join();
                });
        Simulation.Outcome a = runWith.apply((byte) 'a');
        Simulation.Outcome b = runWith.apply((byte) 'b');
        Simulation.Outcome a2 = runWith.apply((byte) 'a');
        assertEquals(a.traceLength(), b.traceLength(), "the same events, sizes alike");
        assertNotEquals(a.traceHash(), b.traceHash(), "other bytes, another hash");
        assertEquals(a.traceHash(), a2.traceHash(), "the same bytes, the same hash");
    }

    /** Issue 26 item 4: Curio.random() inside a simulation is drawn from the seed. */
    @EachCarrier
    void curioRandomIsDrawnFromTheSeed(String carrier) {
        java.util.function.LongFunction<List<Integer>> draws = seed -> {
            List<Integer> out = new ArrayList<>();
            Simulation.run(seed, Hardship.NONE, carrier, net -> net.host("h").spawn(() -> {
                for (int i = 0; i < 5; i++) {
                    out.add(Curio.random().nextInt(1_000_000));
                    Curio.sleep(Duration.ofMillis(1));
                }
            }).join()).rethrow();
            return out;
        };
        assertEquals(draws.apply(11), draws.apply(11), "the same seed, the same draws");
        assertNotEquals(draws.apply(11), draws.apply(12), "another seed, other draws");
    }

    /** A body whose schedule depends on the real clock: something outside the simulation leaking in. */
    private static void leaky(SimNetwork net) throws Exception {
        net.host("h").spawn(() -> {
            for (int i = 0; i < 20; i++) {
                Curio.sleep(Duration.ofMillis(1 + System.nanoTime() % 7)); // real time decides simulated time
            }
        }).join();
    }

    /** Issue 26 item 2: two runs of a seed must do the same; where they part is named. */
    @org.junit.jupiter.api.Test
    void aRunThatIsNotAFunctionOfItsSeedIsCaughtAndWhereItPartsIsNamed() {
        AssertionError e = assertThrows(AssertionError.class, () -> Simulation.replayCheck(4, Hardship.NONE,
                SimulationTest::leaky));
        assertTrue(e.getMessage().startsWith("seed 4 is not a function of its seed: two runs of it part at event "),
                e.getMessage());
        assertTrue(e.getMessage().contains("First run: ") && e.getMessage().contains("second run: ")
                && e.getMessage().contains("Something outside the simulation leaked in"), e.getMessage());
        Simulation.Outcome fine = Simulation.replayCheck(4, Hardship.ROUGH, net -> lineEcho(net, 2, 5));
        assertTrue(!fine.failed(), "a deterministic body passes");
        AssertionError inCheck = assertThrows(AssertionError.class, () -> Simulation.check(3, Hardship.NONE,
                SimulationTest::leaky));
        assertTrue(inCheck.getMessage().startsWith("seed 1 is not a function of its seed"), "check replays its first"
                + " seed: " + inCheck.getMessage());
    }

    /** Issue 26 item 6: a power cut is silent; only the peers' own timeouts or TCP's give-up notice it. */
    @EachCarrier
    void aPowerCutIsSilentAndARestartServesAgain(String carrier) {
        Simulation.run(6, Hardship.NONE.latency(Duration.ofMillis(5), Duration.ZERO), carrier, net -> {
            SimHost server = net.host("server");
            server.run(() -> Net.tcpServer("", 7005, (c, from) -> {
                SocketStream s = c.asStream();
                for (byte[] line = s.readLine(); line.length > 0; line = s.readLine()) {
                    s.write(line);
                }
            }));
            net.host("client").spawn(() -> {
                SocketStream s = Net.openConnection("server", 7005);
                s.write(ascii("one\n"));
                assertArrayEquals(ascii("one\n"), s.readLine());
                server.crash();
                assertTrue(server.isDown());
                s.write(ascii("two\n"));
                assertNull(Curio.ignoreAfter(Duration.ofMinutes(10), s::readLine),
                        "nothing comes back, and nothing says so: no reset from a machine without power");
                long before = Curio.clock();
                ConnectException timedOut = assertThrows(ConnectException.class, () -> Net.openConnection("server", 7005));
                assertTrue(timedOut.getMessage().startsWith("Connection timed out (ETIMEDOUT)"), timedOut.getMessage());
                assertTrue(Curio.clock() - before > Duration.ofMinutes(1).toNanos(), "only when the SYN retries give up");
                s.close();
                server.restart();
                Curio.sleep(Duration.ofMillis(1));
                try (SocketStream again = Net.openConnection("server", 7005)) {
                    again.write(ascii("three\n"));
                    assertArrayEquals(ascii("three\n"), again.readLine());
                }
            }).join();
        }).rethrow();
    }

    /** Issue 26 item 10: a task that brings its own host down goes down with it. */
    @EachCarrier
    void aTaskThatCrashesItsOwnHostEndsWithIt(String carrier) {
        Simulation.run(6, Hardship.NONE, carrier, net -> {
            SimHost h = net.host("h");
            Task<?> suicidal = h.spawn(() -> {
                h.crash();
                Curio.sleep(Duration.ofSeconds(1)); // its first blocking call after the crash
                throw new AssertionError("a task of a host without power ran on");
            });
            suicidal.awaitTermination();
            assertInstanceOf(curio.api.TaskCancelled.class, suicidal.exception(), "cancelled with its host");
            assertTrue(suicidal.exception().getMessage().contains("host h lost its power"), suicidal.exception().getMessage());
        }).rethrow();
    }

    /** Issue 26 item 7: a SYN-ACK on its way when a partition is made does not cross it. */
    @EachCarrier
    void aReplyOnItsWayDoesNotCrossAPartitionMadeMeanwhile(String carrier) {
        Simulation.run(7, Hardship.NONE.latency(Duration.ofMillis(10), Duration.ZERO), carrier, net -> {
            SimHost server = net.host("server");
            SimHost client = net.host("client");
            server.run(() -> Net.tcpServer("", 7006, (c, from) -> c.asStream().readLine()));
            Curio.sleep(Duration.ofMillis(1));
            Task<?> cut = Curio.spawn(() -> {
                Curio.sleep(Duration.ofMillis(15)); // the SYN arrived at 10 ms; its SYN-ACK is due at 20 ms
                net.partition(server, client);
            });
            long start = Curio.clock();
            long[] connectedAfter = {-1};
            Task<?> connecting = client.spawn(() -> {
                try (SocketStream s = Net.openConnection("server", 7006)) {
                    connectedAfter[0] = Curio.clock() - start;
                }
            });
            Curio.sleep(Duration.ofMillis(100));
            assertTrue(!connecting.terminated(), "not connected through the cut");
            net.repair(server, client);
            connecting.join();
            long took = connectedAfter[0];
            assertTrue(took >= Duration.ofMillis(100).toNanos(), "connected only after the repair: " + took);
            cut.join();
        }).rethrow();
    }

    /** Issue 26 item 15: bandwidth, one field and one rule: a large transfer over a slow link takes its time. */
    @EachCarrier
    void aLargeTransferOverASlowLinkTakesItsTimeAndTheWriterFeelsIt(String carrier) {
        Simulation.run(8, Hardship.NONE.latency(Duration.ofMillis(1), Duration.ZERO).bandwidth(100_000), carrier, net -> {
            SimHost server = net.host("server");
            long[] readAt = {-1};
            server.run(() -> Net.tcpServer("", 7007, (c, from) -> {
                c.asStream().readExactly(1_000_000);
                readAt[0] = Curio.clock();
            }));
            long[] sentAt = {-1};
            long start = Curio.clock();
            net.host("client").spawn(() -> {
                try (SocketStream s = Net.openConnection("server", 7007)) {
                    s.write(new byte[1_000_000]);
                    sentAt[0] = Curio.clock();
                    Curio.sleep(Duration.ofSeconds(30));
                }
            }).join();
            double read = (readAt[0] - start) / 1e9;
            double sent = (sentAt[0] - start) / 1e9;
            assertTrue(read >= 10 && read < 11, "1 MB at 100 KB/s takes 10 s, read after " + read + " s");
            assertTrue(sent > 8 && sent < read, "the writer waited for the wire (backpressure), done after " + sent + " s");
        }).rethrow();
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> Hardship.NONE.bandwidth(-1));
        assertTrue(bad.getMessage().startsWith("Hardship.bandwidth"), bad.getMessage());
    }
}
