package curio.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The runnable examples run to the end and print what they promise. */
class ExamplesTest {

    private static final List<String> EXPORT = List.of("--add-exports", "java.base/jdk.internal.vm=curio.kernel", "--add-opens", "java.base/java.lang=curio.kernel",
            "--enable-native-access=curio.selector.epoll");

    @Test
    void pipelineHandlesEveryItemOnce() throws Exception {
        List<String> out = ExampleRunner.run("curio.it.examples.Pipeline", EXPORT);
        assertEquals("6 items handled", out.get(out.size() - 1), out.toString());
        List<String> items = out.stream().filter(l -> l.contains(" handled ") && l.startsWith("w"))
                .map(l -> l.substring(l.lastIndexOf(' ') + 1)).sorted().collect(Collectors.toList());
        assertEquals(List.of("alpha", "beta", "delta", "epsilon", "gamma", "zeta"), items);
    }

    @Test
    void parallelGrepFindsEveryMatchInFileOrder(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        List<String> files = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            java.nio.file.Path f = dir.resolve("f" + i + ".txt");
            java.nio.file.Files.writeString(f, "alpha\nneedle " + i + "\nomega\n" + (i % 2 == 0 ? "needle again\n" : ""));
            files.add(f.toString());
        }
        List<String> args = new java.util.ArrayList<>(EXPORT);
        List<String> out = ExampleRunner.runWithArgs("curio.it.examples.ParallelGrep", args,
                java.util.stream.Stream.concat(java.util.stream.Stream.of("needle"), files.stream()).toList());
        assertEquals(15, out.size(), out.toString());
        assertEquals(files.get(0) + ":2:needle 0", out.get(0));
        assertEquals(files.get(0) + ":4:needle again", out.get(1));
        assertEquals(files.get(9) + ":2:needle 9", out.get(out.size() - 1));
    }

    @Test
    void monitorClientTalksToARunningKernel() throws Exception {
        try (curio.api.Kernel k = curio.api.Kernel.builder().monitor(new java.net.InetSocketAddress("127.0.0.1", 0))
                .build()) {
            java.net.InetSocketAddress at = (java.net.InetSocketAddress) k.monitorAddress();
            List<String> out = k.run(() -> {
                curio.api.Curio.spawnDaemon(() -> curio.api.Curio.sleep(java.time.Duration.ofDays(1)));
                return curio.api.Curio.runInThread(() -> {
                    String javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
                    Process p = new ProcessBuilder(javaBin, "-p", System.getProperty("jdk.module.path"),
                            "--add-modules", "ALL-MODULE-PATH", "-m", "curio.it/curio.it.examples.MonitorClient",
                            "127.0.0.1", String.valueOf(at.getPort())).redirectErrorStream(true).start();
                    p.getOutputStream().write("ps\nquit\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                    p.getOutputStream().flush();
                    String text = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
                    p.waitFor();
                    return text.lines().toList();
                });
            });
            assertTrue(out.stream().anyMatch(l -> l.contains("Task   State")), out.toString());
            assertTrue(out.stream().anyMatch(l -> l.contains("TIME_SLEEP")), out.toString());
            assertTrue(out.stream().anyMatch(l -> l.contains("Leaving monitor.")), out.toString());
        }
    }

    @Test
    void countdownTellsTheTutorialStory() throws Exception {
        List<String> out = ExampleRunner.run("curio.it.examples.Countdown",
                List.of("--add-exports", "java.base/jdk.internal.vm=curio.kernel", "--add-opens", "java.base/java.lang=curio.kernel",
                        "--enable-native-access=curio.selector.epoll", "-Dcurio.demo.tickMillis=1"));
        int tMinus1 = out.indexOf("T-minus 1");
        assertTrue(tMinus1 > 0 && out.indexOf("T-minus 10") < tMinus1, out.toString());
        assertEquals(List.of("We're leaving!", "I warned you!", "Leaving!"), out.subList(out.size() - 3, out.size()));
    }
}
