package curio.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo launcher: -Ddemo.args reach the example, and the example ends when whoever started it ends. */
class DemoTest {

    private static final List<String> FLAGS = List.of("--add-exports", "java.base/jdk.internal.vm=curio.kernel", "--add-opens", "java.base/java.lang=curio.kernel",
            "--enable-native-access=curio.selector.epoll");

    @Test
    void argumentsGivenAsOneStringReachTheExample(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.txt");
        Path b = dir.resolve("b.txt");
        Files.writeString(a, "one\nneedle here\n");
        Files.writeString(b, "needle there\n");
        List<String> out = ExampleRunner.runWithArgs("curio.it.examples.Demo", FLAGS,
                List.of("curio.it/curio.it.examples.ParallelGrep", "needle " + a + " " + b));
        assertEquals(List.of(a + ":2:needle here", b + ":1:needle there"),
                out.stream().filter(l -> l.contains("needle")).toList(), out.toString());
    }

    @Test
    void theExampleEndsWhenTheProcessThatStartedItEnds() throws Exception {
        List<String> java = new ArrayList<>();
        java.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        java.addAll(FLAGS);
        java.add("-Dcurio.demo.tickMillis=60000"); // the countdown would take minutes
        java.addAll(List.of("-p", System.getProperty("jdk.module.path"), "--add-modules", "ALL-MODULE-PATH",
                "-m", "curio.it/curio.it.examples.Demo", "curio.it/curio.it.examples.Countdown"));
        // a shell plays Maven: it starts the demo in the background, says its pid, and ends a moment later
        String script = String.join(" ", java.stream().map(s -> "'" + s + "'").toList())
                + " >/dev/null 2>&1 & echo $!; sleep 2";
        Process starter = new ProcessBuilder("sh", "-c", script).start();
        String pid = new String(starter.getInputStream().readNBytes(32), StandardCharsets.US_ASCII).strip();
        assertTrue(starter.waitFor(30, TimeUnit.SECONDS));
        ProcessHandle demo = ProcessHandle.of(Long.parseLong(pid.lines().findFirst().orElseThrow())).orElse(null);
        if (demo != null) {
            try {
                demo.onExit().get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException stillRunning) {
                demo.destroyForcibly();
                throw new AssertionError("the demo outlived the process that started it");
            }
        }
        assertTrue(demo == null || !demo.isAlive());
    }

    @Test
    void aBusyPortIsOneClearLine() throws Exception {
        try (java.net.ServerSocket holder = new java.net.ServerSocket(0)) {
            List<String> java = new ArrayList<>();
            java.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            java.addAll(FLAGS);
            java.addAll(List.of("-p", System.getProperty("jdk.module.path"), "--add-modules", "ALL-MODULE-PATH",
                    "-m", "curio.it/curio.it.examples.Demo", "curio.it/curio.it.examples.EchoServer",
                    String.valueOf(holder.getLocalPort())));
            Process p = new ProcessBuilder(java).redirectErrorStream(true).start();
            p.getOutputStream().close();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the demo did not end");
            List<String> out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !ExampleRunner.isStartupReport(l)).toList();
            assertEquals(3, p.exitValue(), out.toString());
            assertEquals(1, out.size(), "one line: " + out);
            assertTrue(out.getFirst().startsWith("Demo: EchoServer cannot listen: ")
                    && out.getFirst().contains("in use"), out.getFirst());
        }
    }
}
