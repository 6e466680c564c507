package curio.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The network examples as a user runs them: each server in its own JVM, talked to by plain blocking
 * JDK sockets (the sync world, like nc), on both carriers.
 */
class NetExamplesTest {

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

    /** Starts an example server and waits for its first line (it says where it listens). */
    private static Process start(String main, String carrierFlag, int port) throws IOException {
        return start(main, carrierFlag, port, "2");
    }

    private static Process start(String main, String carrierFlag, int port, String kernels) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "--add-exports", "java.base/jdk.internal.vm=curio.kernel", "--add-opens", "java.base/java.lang=curio.kernel",
                "--enable-native-access=curio.selector.epoll", carrierFlag,
                "-p", System.getProperty("jdk.module.path"), "--add-modules", "ALL-MODULE-PATH",
                "-m", "curio.it/curio.it.examples." + main, String.valueOf(port), kernels)
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        while (first != null && ExampleRunner.isStartupReport(first)) {
            first = out.readLine();
        }
        assertTrue(first != null && first.contains(String.valueOf(port)), main + " said: " + first);
        return p;
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    }

    @Test
    void echoServerOnEachCarrier() throws Exception {
        for (String carrier : List.of("continuation", "virtual")) {
            int port = freePort();
            Process server = start("EchoServer", "-Dcurio.carrier=" + carrier, port);
            try (Socket a = new Socket("127.0.0.1", port); Socket b = new Socket("127.0.0.1", port)) {
                for (Socket s : List.of(a, b)) {
                    s.setSoTimeout(30_000);
                    s.getOutputStream().write(("ping from " + s.getLocalPort() + "\n").getBytes(StandardCharsets.US_ASCII));
                }
                for (Socket s : List.of(a, b)) {
                    String line = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
                            .readLine();
                    assertEquals("ping from " + s.getLocalPort(), line, carrier);
                }
            } finally {
                stop(server);
            }
        }
    }

    @Test
    void chatServerRelaysLinesToTheOthers() throws Exception {
        int port = freePort();
        Process server = start("ChatServer", "-Dcurio.carrier=virtual", port);
        try (Socket alice = new Socket("127.0.0.1", port); Socket bob = new Socket("127.0.0.1", port)) {
            alice.setSoTimeout(30_000);
            bob.setSoTimeout(30_000);
            BufferedReader aliceIn = new BufferedReader(new InputStreamReader(alice.getInputStream(), StandardCharsets.UTF_8));
            BufferedReader bobIn = new BufferedReader(new InputStreamReader(bob.getInputStream(), StandardCharsets.UTF_8));
            assertTrue(aliceIn.readLine().contains("joined"), "alice sees bob join");
            OutputStream out = alice.getOutputStream();
            out.write("hello room\n".getBytes(StandardCharsets.UTF_8));
            String line = bobIn.readLine();
            assertTrue(line.endsWith(": hello room") && line.contains(String.valueOf(alice.getLocalPort())), line);
        } finally {
            stop(server);
        }
    }

    @Test
    void reusePortServerSpreadsOnePortOverTwoKernels() throws Exception {
        int port = freePort();
        Process server = start("ReusePortEchoServer", "-Dcurio.carrier=continuation", port);
        try {
            java.util.Set<String> kernels = new java.util.TreeSet<>();
            for (int i = 0; i < 40 && kernels.size() < 2; i++) {
                try (Socket s = new Socket("127.0.0.1", port)) {
                    s.setSoTimeout(30_000);
                    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                    kernels.add(in.readLine());
                    s.getOutputStream().write("echo\n".getBytes(StandardCharsets.US_ASCII));
                    assertEquals("echo", in.readLine());
                }
            }
            assertEquals(java.util.Set.of("kernel-0", "kernel-1"), kernels, "both kernels served clients");
        } finally {
            stop(server);
        }
    }

    @Test
    void udpEchoAnswersEachDatagram() throws Exception {
        int port = freePort();
        Process server = start("UdpEcho", "-Dcurio.carrier=continuation", port);
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(30_000);
            byte[] msg = "datagram".getBytes(StandardCharsets.US_ASCII);
            s.send(new DatagramPacket(msg, msg.length, new InetSocketAddress("127.0.0.1", port)));
            DatagramPacket reply = new DatagramPacket(new byte[100], 100);
            s.receive(reply);
            assertEquals("datagram", new String(reply.getData(), 0, reply.getLength(), StandardCharsets.US_ASCII));
        } finally {
            stop(server);
        }
    }
}
