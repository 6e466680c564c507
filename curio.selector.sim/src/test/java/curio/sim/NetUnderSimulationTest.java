package curio.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import curio.api.Curio;
import curio.api.Task;
import curio.net.AuthenticationError;
import curio.net.Channel;
import curio.net.Connection;
import curio.net.Net;
import curio.net.SocketStream;
import curio.net.TlsOptions;
import curio.test.EachSeed;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16 item 6: curio.net's own framing, authentication, TLS and servers, each under many seeds of
 * a hard network (every byte split at random points and delayed; resets where stated). A failure
 * names its seed; {@code -Dcurio.sim.seed=N} replays it.
 */
class NetUnderSimulationTest {

    /** Splits and delays, nothing lost: whatever a correct program sends must arrive intact. */
    static final Hardship SPLIT = Hardship.ROUGH.resets(0).refusals(0).drops(0);

    private static byte[] pattern(int n, long seed) {
        byte[] b = new byte[n];
        new java.util.Random(seed).nextBytes(b);
        return b;
    }

    @EachSeed(40)
    void readExactlyReassemblesLengthPrefixedFrames(long seed) {
        Simulation.run(seed, SPLIT, net -> {
            SimHost server = net.host("server");
            server.run(() -> Net.tcpServer("", 7100, (c, from) -> {
                SocketStream s = c.asStream();
                while (true) {
                    byte[] header = s.readExactly(4);
                    byte[] body = s.readExactly(ByteBuffer.wrap(header).getInt());
                    s.write(ByteBuffer.allocate(4).putInt(body.length).array());
                    s.write(body);
                }
            }));
            net.host("client").spawn(() -> {
                try (SocketStream s = Net.openConnection("server", 7100)) {
                    for (int i = 0; i < 20; i++) {
                        byte[] body = pattern(1 + i * 997 % 20_000, seed * 100 + i);
                        s.write(ByteBuffer.allocate(4).putInt(body.length).array());
                        s.write(body);
                        int n = ByteBuffer.wrap(s.readExactly(4)).getInt();
                        assertArrayEquals(body, s.readExactly(n), "frame " + i);
                    }
                }
            }).join();
        }).rethrow();
    }

    @EachSeed(40)
    void channelMessagesAndAuthenticationSurviveSplitsAndLatency(long seed) {
        byte[] key = "secret".getBytes(StandardCharsets.US_ASCII);
        Simulation.run(seed, SPLIT, net -> {
            SimHost server = net.host("server");
            Channel channel = new Channel(new InetSocketAddress(server.address(), 7200));
            server.run(() -> {
                channel.bind();
                while (true) {
                    Connection c = channel.accept(key);
                    Curio.spawnDaemon(() -> {
                        try (c) {
                            for (Object m = c.recv(); !"bye".equals(m); m = c.recv()) {
                                c.send(m);
                            }
                        }
                    });
                }
            });
            net.host("client").spawn(() -> {
                Channel to = new Channel(new InetSocketAddress(server.address(), 7200));
                try (Connection c = to.connect(key)) {
                    for (int i = 0; i < 10; i++) {
                        List<Object> message = List.of("message", i, pattern(i * 1500, seed + i));
                        c.send(message);
                        @SuppressWarnings("unchecked")
                        List<Object> back = (List<Object>) c.recv();
                        assertEquals(message.get(1), back.get(1));
                        assertArrayEquals((byte[]) message.get(2), (byte[]) back.get(2));
                    }
                    c.send("bye");
                }
                assertThrows(AuthenticationError.class, () -> to.connect("wrong".getBytes(StandardCharsets.US_ASCII)));
            }).join();
        }).rethrow();
    }

    @EachSeed(40)
    void aChannelServerOutlivesClientsResetDuringAuthentication(long seed) {
        byte[] key = "secret".getBytes(StandardCharsets.US_ASCII);
        Hardship resets = SPLIT.resets(0.05);
        Simulation.run(seed, resets, net -> {
            SimHost server = net.host("server");
            SimHost clients = net.host("clients");
            net.link(clients, clients, Hardship.NONE);
            Channel channel = new Channel(new InetSocketAddress(server.address(), 7300));
            Task<?> serving = server.run(() -> {
                channel.bind();
                while (true) {
                    Connection c = channel.accept(key);
                    Curio.spawnDaemon(() -> {
                        try (c) {
                            c.send(c.recv());
                        } catch (IOException e) {
                            // a reset client: its connection ends, the server goes on
                        }
                    });
                }
            });
            clients.spawn(() -> {
                int served = 0;
                for (int i = 0; i < 30; i++) {
                    try (Connection c = new Channel(new InetSocketAddress(server.address(), 7300)).connect(key)) {
                        c.send("ping " + i);
                        assertEquals("ping " + i, c.recv());
                        served++;
                    } catch (IOException | AuthenticationError e) {
                        // this attempt met a reset: another one follows
                    }
                }
                assertTrue(served > 0, "some clients got through");
            }).join();
            assertTrue(!serving.terminated(), () -> "the channel server died: " + serving.exception());
            serving.cancel();
        }).rethrow();
    }

    @TempDir
    static Path dir;
    private static KeyStore serverKeys;
    private static KeyStore trust;

    @BeforeAll
    static void makeCertificates() throws Exception {
        curio.test.SelfSigned cert = curio.test.SelfSigned.create(dir, "server");
        serverKeys = cert.keys();
        trust = cert.trust();
    }

    @EachSeed(10)
    void tlsOverASimulatedLinkVerifiesTheHostAndCarriesLines(long seed) {
        Simulation.run(seed, SPLIT, net -> {
            net.host("server").run(() -> Net.tcpServer("", 7443, (c, from) -> {
                SocketStream s = c.asStream();
                for (byte[] line = s.readLine(); line.length > 0; line = s.readLine()) {
                    s.write(line);
                }
            }, TlsOptions.server(serverKeys, "changeit".toCharArray())));
            net.host("client").spawn(() -> {
                try (SocketStream s = Net.openConnection("server", 7443, TlsOptions.client(trust))) {
                    for (int i = 0; i < 10; i++) {
                        byte[] line = ("line " + i + " " + "y".repeat(i * 500) + "\n").getBytes(StandardCharsets.US_ASCII);
                        s.write(line);
                        assertArrayEquals(line, s.readLine());
                    }
                }
            }).join();
        }).rethrow();
    }

    @EachSeed(20)
    void tcpServerClientsThatResetNeverCorruptTheOthers(long seed) {
        Simulation.run(seed, SPLIT.resets(0.01), net -> {
            net.host("server").run(() -> Net.tcpServer("", 7500, (c, from) -> {
                SocketStream s = c.asStream();
                for (byte[] line = s.readLine(); line.length > 0; line = s.readLine()) {
                    s.write(line);
                }
            }));
            List<Task<?>> clients = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                int id = c;
                clients.add(net.host("client" + c).spawn(() -> {
                    try (SocketStream s = Net.openConnection("server", 7500)) {
                        for (int i = 0; i < 30; i++) {
                            byte[] line = ("client " + id + " line " + i + "\n").getBytes(StandardCharsets.US_ASCII);
                            s.write(line);
                            byte[] back = s.readLine();
                            if (back.length == 0) {
                                return; // the server's side was reset: end of stream, never a wrong line
                            }
                            assertArrayEquals(line, back);
                        }
                    } catch (java.net.SocketException reset) {
                        // a reset ends this client; the others must not notice
                    }
                }));
            }
            for (Task<?> t : clients) {
                t.join();
            }
        }).rethrow();
    }
}
