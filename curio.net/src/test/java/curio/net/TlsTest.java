package curio.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import curio.api.Curio;
import curio.test.EachBackend;
import curio.test.Kernels;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * CURIO-SPEC 9.5: TLS between curio peers, with the JDK's own SSLSocket, and with openssl's s_server and
 * s_client when openssl is installed. Certificates are made fresh by keytool for every run.
 */
class TlsTest {

    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path dir;
    private static KeyStore serverKeys;
    private static KeyStore trust;
    private static Path certPem;
    private static Path keysP12;

    @BeforeAll
    static void makeCertificates() throws Exception {
        curio.test.SelfSigned cert = curio.test.SelfSigned.create(dir, "localhost", "ip:127.0.0.1");
        serverKeys = cert.keys();
        trust = cert.trust();
        keysP12 = cert.keysFile();
        certPem = cert.certFile();
    }

    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", cmd) + ": " + out);
        return out;
    }

    private static TlsOptions client() {
        return TlsOptions.client(trust);
    }

    private static TlsOptions server() {
        return TlsOptions.server(serverKeys, PASSWORD);
    }

    private static int tlsEchoServer(TlsOptions options) throws IOException {
        Socket listener = Net.tcpServerSocket("127.0.0.1", 0);
        int port = ((InetSocketAddress) listener.localAddress()).getPort();
        Curio.spawnDaemon(() -> Net.runServer(listener, SocketTest.ECHO, options));
        return port;
    }

    @EachBackend
    void curioClientAndServer(String carrier) {
        Kernels.run(carrier, () -> {
            int port = tlsEchoServer(server().withAlpn("h2", "http/1.1"));
            for (String host : List.of("localhost", "127.0.0.1")) {
                try (SocketStream s = Net.openConnection(host, port, client().withAlpn("http/1.1"))) {
                    byte[] big = SocketTest.pattern(1 << 20);
                    Curio.spawn(() -> {
                        s.write(big);
                        s.write("end\n".getBytes(StandardCharsets.US_ASCII));
                    });
                    assertTrue(java.util.Arrays.equals(big, s.readExactly(big.length)));
                    assertEquals("end\n", new String(s.readLine(), StandardCharsets.US_ASCII));
                    TlsConnection tls = ((Socket) s.socket()).tls();
                    assertEquals("http/1.1", tls.applicationProtocol());
                    assertTrue(tls.engine().getSession().getProtocol().startsWith("TLSv1."));
                }
            }
        });
    }

    @EachBackend
    void untrustedOrMisnamedServersAreRefused(String carrier) {
        Kernels.run(carrier, () -> {
            int port = tlsEchoServer(server());
            assertThrows(SSLHandshakeException.class,
                    () -> Net.openConnection("localhost", port, TlsOptions.client()), "not in the JDK's CAs");
            assertThrows(SSLHandshakeException.class,
                    () -> Net.openConnection("localhost", port, client().withServerName("other.example")));
            try (SocketStream s = Net.openConnection("localhost", port,
                    client().withServerName("other.example").withHostnameVerification(false))) {
                s.write("x\n".getBytes(StandardCharsets.US_ASCII));
                assertEquals("x\n", new String(s.readLine(), StandardCharsets.US_ASCII));
            }
            assertThrows(IllegalArgumentException.class, () -> Net.openConnection("localhost", port, server()));
        });
    }

    private static SSLContext jdkContext() throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        javax.net.ssl.KeyManagerFactory kmf =
                javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(serverKeys, PASSWORD);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    @EachBackend
    void interoperatesWithTheJdksSslSockets(String carrier) throws Exception {
        SSLContext ctx = jdkContext();
        Kernels.run(carrier, () -> {
            // a JDK client against a curio server
            int port = tlsEchoServer(server());
            String reply = Curio.runInThread(() -> {
                try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("localhost", port)) {
                    s.getOutputStream().write("from the JDK\n".getBytes(StandardCharsets.US_ASCII));
                    return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
                            .readLine();
                }
            });
            assertEquals("from the JDK", reply);

            // a curio client against a JDK server
            SSLServerSocket jdkServer = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0);
            Thread t = Thread.ofPlatform().start(() -> {
                try (jdkServer; SSLSocket c = (SSLSocket) jdkServer.accept()) {
                    String line = new BufferedReader(new InputStreamReader(c.getInputStream(),
                            StandardCharsets.US_ASCII)).readLine();
                    c.getOutputStream().write(("JDK heard " + line + "\n").getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            try (SocketStream s = Net.openConnection("localhost", jdkServer.getLocalPort(), client())) {
                s.write("curio\n".getBytes(StandardCharsets.US_ASCII));
                assertEquals("JDK heard curio\n", new String(s.readLine(), StandardCharsets.US_ASCII));
            }
            Curio.runInThread(() -> {
                t.join();
                return null;
            });
        });
    }

    private static boolean opensslInstalled() {
        try {
            Process p = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static Path keyAndCertPem() throws Exception {
        Path pem = dir.resolve("server-all.pem");
        if (!Files.exists(pem)) {
            run("openssl", "pkcs12", "-in", keysP12.toString(), "-nodes", "-passin", "pass:changeit",
                    "-out", pem.toString());
        }
        return pem;
    }

    @EachBackend
    void curioClientAgainstOpensslServer(String carrier) throws Exception {
        Assumptions.assumeTrue(opensslInstalled(), "openssl is not installed: skipping the s_server interop test");
        Path pem = keyAndCertPem();
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Process server = new ProcessBuilder("openssl", "s_server", "-accept", "127.0.0.1:" + port,
                "-cert", pem.toString(), "-key", pem.toString(), "-rev", "-quiet").redirectErrorStream(true).start();
        try {
            int p = port;
            String reply;
            try (curio.api.Kernel realTime = Kernels.realTime(carrier)) {
              reply = realTime.run(() -> { // real time: the retries wait for s_server to start

                for (int attempt = 0; ; attempt++) {
                    try (SocketStream s = Net.openConnection("localhost", p, client())) {
                        s.write("hello openssl\n".getBytes(StandardCharsets.US_ASCII));
                        return new String(s.readLine(), StandardCharsets.US_ASCII).strip();
                    } catch (java.net.ConnectException notYet) {
                        if (attempt == 100) {
                            throw notYet;
                        }
                        Curio.sleep(Duration.ofMillis(50)); // s_server is still starting
                    }
                }
              });
            }
            assertEquals("lssnepo olleh", reply, "s_server -rev answers each line reversed");
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @EachBackend
    void opensslClientAgainstCurioServer(String carrier) throws Exception {
        Assumptions.assumeTrue(opensslInstalled(), "openssl is not installed: skipping the s_client interop test");
        List<String> got = new ArrayList<>();
        Kernels.run(carrier, () -> {
            int port = tlsEchoServer(server());
            got.add(Curio.runInThread(() -> {
                Process c = new ProcessBuilder("openssl", "s_client", "-connect", "127.0.0.1:" + port,
                        "-servername", "localhost", "-CAfile", certPem.toString(), "-verify_return_error", "-quiet")
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
                try {
                    OutputStream in = c.getOutputStream();
                    in.write("hello curio\n".getBytes(StandardCharsets.US_ASCII));
                    in.flush();
                    String line = new BufferedReader(new InputStreamReader(c.getInputStream(),
                            StandardCharsets.US_ASCII)).readLine();
                    in.close();
                    return line;
                } finally {
                    c.destroy();
                    c.waitFor(10, TimeUnit.SECONDS);
                }
            }));
        });
        assertEquals(List.of("hello curio"), got);
    }
}
