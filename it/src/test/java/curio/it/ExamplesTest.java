package curio.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The runnable examples run to the end and print what they promise. */
class ExamplesTest {

    private static final List<String> EXPORT = List.of("--add-exports", "java.base/jdk.internal.vm=curio.kernel",
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
    void countdownTellsTheTutorialStory() throws Exception {
        List<String> out = ExampleRunner.run("curio.it.examples.Countdown",
                List.of("--add-exports", "java.base/jdk.internal.vm=curio.kernel",
                        "--enable-native-access=curio.selector.epoll", "-Dcurio.demo.tickMillis=1"));
        int tMinus1 = out.indexOf("T-minus 1");
        assertTrue(tMinus1 > 0 && out.indexOf("T-minus 10") < tMinus1, out.toString());
        assertEquals(List.of("We're leaving!", "I warned you!", "Leaving!"), out.subList(out.size() - 3, out.size()));
    }
}
