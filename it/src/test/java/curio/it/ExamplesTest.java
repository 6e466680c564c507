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
    void countdownTellsTheTutorialStory() throws Exception {
        List<String> out = ExampleRunner.run("curio.it.examples.Countdown",
                List.of("--add-exports", "java.base/jdk.internal.vm=curio.kernel",
                        "--enable-native-access=curio.selector.epoll", "-Dcurio.demo.tickMillis=1"));
        int tMinus1 = out.indexOf("T-minus 1");
        assertTrue(tMinus1 > 0 && out.indexOf("T-minus 10") < tMinus1, out.toString());
        assertEquals(List.of("We're leaving!", "I warned you!", "Leaving!"), out.subList(out.size() - 3, out.size()));
    }
}
