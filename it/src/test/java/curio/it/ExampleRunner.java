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

    /**
     * True for the two lines of the kernel's start-up report as java.util.logging prints them (a
     * date-and-source header, then "INFO: curio kernel ..."): what an example prints is the rest.
     */
    static boolean isStartupReport(String line) {
        return line.startsWith("INFO: curio kernel ") || line.endsWith(" curio.kernel.StartupReport log");
    }

    /** Runs an example; returns what it printed, the kernel's start-up report left out. */
    static List<String> run(String mainClass, List<String> jvmFlags) throws IOException, InterruptedException {
        return runWithArgs(mainClass, jvmFlags, List.of());
    }

    /** Runs an example with arguments; returns what it printed, the kernel's start-up report left out. */
    static List<String> runWithArgs(String mainClass, List<String> jvmFlags, List<String> args)
            throws IOException, InterruptedException {
        return runRaw(mainClass, jvmFlags, args).stream().filter(l -> !isStartupReport(l)).toList();
    }

    /** Runs an example; returns everything it and the JVM printed, on stdout and stderr. */
    static List<String> runRaw(String mainClass, List<String> jvmFlags, List<String> args)
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
