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

/**
 * A README that rots is a bug: every {@code java} command in a shell block of the README that runs an
 * example from {@code it/target} is run here, from the project folder, as a reader would type it.
 * (The one for {@code user-project} is run by that project's ReadmeTest; {@code .ci/run} runs the test
 * command; {@link DemoTest} runs the demo's launcher.)
 */
class ReadmeCommandsTest {

    private static final Path ROOT = Path.of("..");

    static List<String> javaCommands(String readme) {
        List<String> commands = new ArrayList<>();
        boolean inShell = false;
        StringBuilder current = null;
        for (String line : readme.split("\n")) {
            if (line.startsWith("```")) {
                inShell = line.equals("```sh");
                continue;
            }
            if (!inShell) {
                continue;
            }
            String l = line.strip();
            if (current == null && l.startsWith("\"$JAVA_HOME\"/bin/java ")) {
                current = new StringBuilder();
            }
            if (current != null) {
                boolean more = l.endsWith("\\");
                current.append(more ? l.substring(0, l.length() - 1) : l).append(' ');
                if (!more) {
                    commands.add(current.toString().strip());
                    current = null;
                }
            }
        }
        return commands;
    }

    @Test
    void everyExampleCommandRuns() throws Exception {
        List<String> commands = javaCommands(Files.readString(ROOT.resolve("README.md"))).stream()
                .filter(c -> c.contains("it/target/")).toList();
        assertTrue(commands.size() >= 2, "the README's example commands were not found: " + commands);
        for (String command : commands) {
            List<String> argv = new ArrayList<>(List.of(command.split("\\s+")));
            argv.set(0, Path.of(System.getProperty("java.home"), "bin", "java").toString());
            Process p = new ProcessBuilder(argv).directory(ROOT.toFile()).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "did not end: " + command);
            String text = new String(out, StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), command + "\n" + text);
            assertTrue(!text.contains("WARNING"), "the README's flags keep the JVM quiet: " + command + "\n" + text);
        }
    }
}
