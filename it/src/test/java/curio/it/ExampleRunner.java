package curio.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an example's main class in a fresh JVM on this test's module path, as a user would. */
final class ExampleRunner {

    private ExampleRunner() {}

    static List<String> run(String mainClass, List<String> jvmFlags) throws IOException, InterruptedException {
        return runWithArgs(mainClass, jvmFlags, List.of());
    }

    static List<String> runWithArgs(String mainClass, List<String> jvmFlags, List<String> args)
            throws IOException, InterruptedException {
        String modulePath = System.getProperty("jdk.module.path");
        assertTrue(modulePath != null && !modulePath.isEmpty(), "tests run on the module path");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmFlags);
        cmd.addAll(List.of("-p", modulePath, "--add-modules", "ALL-MODULE-PATH", "-m", "curio.it/" + mainClass));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] bytes = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), mainClass + " did not exit");
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        return text.lines().toList();
    }
}
