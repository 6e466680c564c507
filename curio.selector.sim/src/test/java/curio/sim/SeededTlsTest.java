package curio.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import curio.net.Net;
import curio.net.SocketStream;
import curio.net.TlsOptions;
import curio.test.SelfSigned;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 26 item 1: a TLS run replays from its seed whatever the server's key (RSA, RSA-PSS, EC P-256 and P-384,
 * Ed25519), side by side with other seeds too, while TLS outside a simulation keeps the JDK's randomness.
 */
class SeededTlsTest {

    @TempDir
    static Path dir;

    private static final Map<SelfSigned.Key, SelfSigned> CERTS = new EnumMap<>(SelfSigned.Key.class);

    @BeforeAll
    static void makeCertificates() throws Exception {
        for (SelfSigned.Key k : SelfSigned.Key.values()) {
            CERTS.put(k, SelfSigned.create(dir, k, "server"));
        }
    }

    /** A TLS line echo between two hosts; the options are made inside the run, as a test should. */
    private static Simulation.Body echo(SelfSigned cert) {
        return net -> {
            net.host("server").run(() -> Net.tcpServer("", 7443, (c, from) -> {
                SocketStream s = c.asStream();
                for (byte[] line = s.readLine(); line.length > 0; line = s.readLine()) {
                    s.write(line);
                }
            }, TlsOptions.server(cert.keys(), cert.password())));
            net.host("client").spawn(() -> {
                try (SocketStream s = Net.openConnection("server", 7443, TlsOptions.client(cert.trust()))) {
                    for (int i = 0; i < 3; i++) {
                        byte[] line = ("line " + i + "\n").getBytes(StandardCharsets.US_ASCII);
                        s.write(line);
                        assertArrayEquals(line, s.readLine());
                    }
                }
            }).join();
        };
    }

    @ParameterizedTest
    @EnumSource(SelfSigned.Key.class)
    void aTlsRunIsAFunctionOfItsSeedWhateverTheKey(SelfSigned.Key key) {
        SelfSigned cert = CERTS.get(key);
        Simulation.Outcome first = Simulation.replayCheck(3, Hardship.NONE, echo(cert)); // event by event, twice
        first.rethrow();
        for (String carrier : new String[] {"continuation", "virtual", "continuation"}) {
            Simulation.Outcome again = Simulation.run(3, Hardship.NONE, carrier, echo(cert));
            again.rethrow();
            assertEquals(first.traceHash(), again.traceHash(), key + " on " + carrier + ": the same seed, the same bytes");
        }
        assertNotEquals(first.traceHash(), Simulation.run(4, Hardship.NONE, echo(cert)).traceHash(),
                key + ": another seed, other handshake bytes");
    }

    /** Issue 26 item 1, nonces: an authenticated connection's challenge is drawn from the seed too. */
    @Test
    void anAuthenticatedConnectionReplaysFromItsSeed() {
        byte[] key = "secret".getBytes(StandardCharsets.US_ASCII);
        Simulation.replayCheck(5, Hardship.NONE, net -> {
            SimHost server = net.host("server");
            curio.net.Channel channel = new curio.net.Channel(new java.net.InetSocketAddress(server.address(), 7300));
            server.run(() -> {
                channel.bind();
                try (curio.net.Connection c = channel.accept(key)) {
                    c.send(c.recv());
                }
            });
            net.host("client").spawn(() -> {
                try (curio.net.Connection c = new curio.net.Channel(
                        new java.net.InetSocketAddress(server.address(), 7300)).connect(key)) {
                    c.send("ping");
                    assertEquals("ping", c.recv());
                }
            }).join();
        }).rethrow(); // the challenge bytes are in the trace: a nonce from the JDK would make the runs part
    }

    @Test
    void seedsSideBySideEachDrawFromTheirOwn() {
        SelfSigned cert = CERTS.get(SelfSigned.Key.EC_P256);
        long[] alone = new long[4];
        for (int s = 1; s <= 4; s++) {
            alone[s - 1] = Simulation.run(s, Hardship.ROUGH.resets(0).refusals(0), echo(cert)).traceHash();
        }
        long[] together = new long[4];
        Thread[] threads = new Thread[4];
        for (int s = 1; s <= 4; s++) {
            int seed = s;
            threads[s - 1] = Thread.ofPlatform().start(() ->
                    together[seed - 1] = Simulation.run(seed, Hardship.ROUGH.resets(0).refusals(0), echo(cert)).traceHash());
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        assertArrayEquals(alone, together, "four seeds at once give the hashes each gives alone");
    }

    @Test
    void outsideASimulationTlsKeepsTheJdksRandomness() throws Exception {
        new SimNetwork(1); // the seeded provider is installed from here on
        byte[] a = new byte[32];
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(a);
        new SecureRandom().nextBytes(b);
        assertFalse(Arrays.equals(a, b), "a plain thread's default generator is the JDK's");
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        KeyPair keys = g.generateKeyPair();
        byte[][] signatures = new byte[2][];
        for (int i = 0; i < 2; i++) { // a plain thread: no simulated kernel
            Signature sig = Signature.getInstance("SHA256withECDSA");
            sig.initSign(keys.getPrivate());
            sig.update("same message".getBytes(StandardCharsets.US_ASCII));
            signatures[i] = sig.sign();
        }
        assertFalse(Arrays.equals(signatures[0], signatures[1]), "ECDSA outside a simulation draws a fresh k each time");
        Signature verify = Signature.getInstance("SHA256withECDSA");
        verify.initVerify(keys.getPublic());
        verify.update("same message".getBytes(StandardCharsets.US_ASCII));
        assertEquals(true, verify.verify(signatures[0]));
    }
}
