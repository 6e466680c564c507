package curio.it.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import curio.api.Curio;
import curio.api.Task;
import curio.net.Net;
import curio.net.Socket;
import curio.net.SocketStream;
import curio.sim.Hardship;
import curio.sim.SimHost;
import curio.sim.SimNetwork;
import curio.sim.Simulation;
import curio.sync.Event;
import curio.test.EachSeed;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Issue 16 item 6: the README's echo server and the chat example, unchanged, under many seeds of a
 * hard network (every byte split at random points and delayed by 1-10 ms).
 */
class SimulatedExamplesTest {

    static final Hardship SPLIT = Hardship.ROUGH.resets(0).refusals(0).drops(0);

    @EachSeed(20)
    void theReadmeEchoServerEchoesEveryByteInOrder(long seed) {
        PrintStream out = System.out;
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)); // its log lines
        try {
            Simulation.run(seed, SPLIT, net -> {
                SimHost server = net.host("server");
                server.run(() -> EchoServer.echoServer(new InetSocketAddress(25000)));
                List<Task<?>> clients = new ArrayList<>();
                for (int c = 0; c < 10; c++) { // more than its backlog of 5: some connects are retried
                    int id = c;
                    clients.add(net.host("client" + c).spawn(() -> {
                        Socket s = Net.openConnection("server", 25000).socket() instanceof Socket raw ? raw : null;
                        try (s) {
                            byte[] sent = new byte[30_000 + id * 1000];
                            new java.util.Random(seed * 31 + id).nextBytes(sent);
                            Curio.spawn(() -> s.sendAll(sent));
                            byte[] back = new byte[sent.length];
                            for (int got = 0; got < back.length; ) {
                                byte[] part = s.recv(back.length - got);
                                System.arraycopy(part, 0, back, got, part.length);
                                got += part.length;
                            }
                            assertArrayEquals(sent, back, "client " + id);
                        }
                    }));
                }
                for (Task<?> t : clients) {
                    t.join();
                }
            }).rethrow();
        } finally {
            System.setOut(out);
        }
    }

    /** Ten chat clients on ten hosts, each sending lines after all have joined; returns the simulated time. */
    static void chatScenario(SimNetwork net, int clients, int lines) throws Exception {
        SimHost server = net.host("chat");
        server.run(() -> new ChatServer().serve(Net.tcpServerSocket("", 25001)));
        Event everyoneIn = new Event();
        int[] joined = {0};
        List<Task<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int id = c;
            running.add(net.host("user" + c).spawn(() -> {
                try (SocketStream s = Net.openConnection("chat", 25001)) {
                    if (++joined[0] == clients) {
                        everyoneIn.set();
                    }
                    everyoneIn.await();
                    Curio.sleep(Duration.ofSeconds(1)); // the server has registered the last one too
                    Task<?> writer = Curio.spawn(() -> {
                        for (int i = 0; i < lines; i++) {
                            s.write(("user" + id + " says " + i + "\n").getBytes(StandardCharsets.UTF_8));
                            Curio.sleep(Duration.ofMillis(100 + id));
                        }
                    });
                    Map<String, Integer> next = new HashMap<>();
                    int expected = (clients - 1) * lines;
                    while (expected > 0) {
                        byte[] raw = s.readLine();
                        if (raw.length == 0) {
                            throw new AssertionError("user" + id + ": the server closed with " + expected + " lines missing");
                        }
                        String line = new String(raw, StandardCharsets.UTF_8);
                        int says = line.indexOf(": user");
                        if (says < 0) {
                            continue; // "* ... joined" and "* ... left" notices
                        }
                        String[] words = line.substring(says + 2).trim().split(" ");
                        int n = next.merge(words[0], 0, (a, b) -> a);
                        assertEquals(n, Integer.parseInt(words[2]), "lines from " + words[0] + " in order, to user" + id);
                        next.put(words[0], n + 1);
                        expected--;
                    }
                    writer.join(); // all of ours sent before we leave
                }
            }));
        }
        for (Task<?> t : running) {
            t.join();
        }
    }

    @EachSeed(20)
    void theChatExampleDeliversEveryLineToEveryOtherClientInOrder(long seed) {
        Simulation.run(seed, SPLIT, net -> chatScenario(net, 10, 20)).rethrow();
    }

    @EachSeed(10)
    void aChatUserCutOffForThreeSecondsStillGetsEveryLineInOrder(long seed) {
        Simulation.run(seed, SPLIT, net -> {
            Curio.spawn(() -> { // the scenario makes the hosts; cut one user off while it talks
                Curio.sleep(Duration.ofMillis(1500));
                SimHost chat = net.find("chat").orElseThrow();
                SimHost user0 = net.find("user0").orElseThrow();
                net.partition(chat, user0);
                Curio.sleep(Duration.ofSeconds(3));
                net.repair(chat, user0);
            });
            chatScenario(net, 10, 20);
        }).rethrow();
    }

    @EachSeed(10)
    void theReadmeEchoServerKeepsServingWhenSomeClientsAreReset(long seed) {
        PrintStream out = System.out;
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            Simulation.run(seed, SPLIT.resets(0.02), net -> {
                net.host("server").run(() -> EchoServer.echoServer(new InetSocketAddress(25000)));
                int[] intact = {0};
                List<Task<?>> clients = new ArrayList<>();
                for (int c = 0; c < 10; c++) {
                    int id = c;
                    clients.add(net.host("client" + c).spawn(() -> {
                        try (Socket s = Socket.tcp()) {
                            s.connect(new InetSocketAddress(net.find("server").orElseThrow().address(), 25000));
                            for (int i = 0; i < 20; i++) {
                                byte[] line = ("client " + id + " line " + i + "\n").getBytes(StandardCharsets.US_ASCII);
                                s.sendAll(line);
                                byte[] back = new byte[line.length];
                                for (int got = 0; got < back.length; ) {
                                    byte[] part = s.recv(back.length - got);
                                    if (part.length == 0) {
                                        return; // the server's side was reset: end of stream, never wrong bytes
                                    }
                                    System.arraycopy(part, 0, back, got, part.length);
                                    got += part.length;
                                }
                                assertArrayEquals(line, back, "client " + id + " line " + i);
                            }
                            intact[0]++;
                        } catch (java.net.SocketException reset) {
                            // this client met a reset; the others go on
                        }
                    }));
                }
                for (Task<?> t : clients) {
                    t.join();
                }
                Socket check = Socket.tcp(); // and the server still serves a new client afterwards
                net.link(net.localhost(), net.find("server").orElseThrow(), Hardship.NONE);
                try (check) {
                    check.connect(new InetSocketAddress(net.find("server").orElseThrow().address(), 25000));
                    check.sendAll("still there\n".getBytes(StandardCharsets.US_ASCII));
                    assertEquals("still there\n", new String(check.recv(100), StandardCharsets.US_ASCII));
                }
            }).rethrow();
        } finally {
            System.setOut(out);
        }
    }
}
