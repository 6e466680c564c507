package curio.bench.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import curio.net.TlsOptions;
import curio.test.SelfSigned;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Runs the TLS echo and Channel benchmarks briefly, so that neither rots; it checks results, never speed. */
class PeerBenchmarksSmokeTest {

    @Test
    void everyTlsServerEchoesOverTls13() throws Exception {
        SelfSigned cert = TlsEchoBenchmark.certificate();
        TlsOptions client = TlsOptions.client(cert.trust());
        for (String name : TlsEchoBenchmark.SERVERS) {
            String[] protocol = new String[1];
            try (EchoServer server = TlsEchoBenchmark.start(name, cert)) {
                LoadGenerator.Result r = TlsEchoBenchmark.measure(server.address(), client, 3, 1024,
                        Duration.ofMillis(300), Duration.ofMillis(200), false, protocol);
                assertTrue(r.messages() > 0, name + ": no message came back");
                assertTrue(r.p50Nanos() > 0 && r.p50Nanos() <= r.p99Nanos(), name + ": " + r);
            }
            assertEquals("TLSv1.3", protocol[0], name);
        }
    }

    @Test
    void bothChannelsDeliverEveryMessage() throws Exception {
        for (String carrier : new String[] {"continuation", "virtual"}) {
            ChannelBenchmark.Run r = ChannelBenchmark.curio(2_000, 64, carrier);
            assertEquals(2_000, r.messages());
            assertTrue(r.seconds() > 0, carrier + ": " + r);
        }
        assertEquals(2_000, ChannelBenchmark.plain(2_000, 64).messages());
    }
}
