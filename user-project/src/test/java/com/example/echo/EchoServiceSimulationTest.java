package com.example.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import curio.api.Task;
import curio.net.Net;
import curio.net.Socket;
import curio.net.SocketStream;
import curio.sim.Hardship;
import curio.sim.SimHost;
import curio.sim.Simulation;
import curio.test.EachSeed;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The README's simulation test, as a user's build runs it: seeds of a rough network, every byte split and delayed. */
class EchoServiceSimulationTest {

    /** A rough network refuses some connects, as a real one does now and then: a client tries again. */
    private static SocketStream connect() throws java.io.IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return Net.openConnection("server", 7000);
            } catch (java.net.ConnectException refused) {
                if (attempt == 10) {
                    throw refused;
                }
                curio.api.Curio.sleep(java.time.Duration.ofMillis(100));
            }
        }
    }

    @EachSeed(20)
    void linesComeBackUpperCasedOnARoughNetwork(long seed) {
        Simulation.run(seed, Hardship.ROUGH, net -> {
            SimHost server = net.host("server");
            server.run(() -> {
                try (Socket listener = Net.tcpServerSocket("", 7000)) {
                    EchoService.serveAll(listener);
                }
            });
            SimHost client = net.host("client");
            String[] answers = new String[3];
            List<Task<?>> clients = new ArrayList<>();
            for (int i = 0; i < answers.length; i++) {
                int n = i;
                clients.add(client.spawn(() -> {
                    try (SocketStream s = connect()) {
                        s.write(("client-" + n + "\nbye\n").getBytes(StandardCharsets.UTF_8));
                        answers[n] = new String(s.readLine(), StandardCharsets.UTF_8);
                    }
                }));
            }
            for (Task<?> t : clients) {
                t.join();
            }
            for (int i = 0; i < answers.length; i++) {
                assertEquals("CLIENT-" + i + "\n", answers[i]);
            }
        }).rethrow();
    }
}
