package curio.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import curio.api.Kernel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How a kernel's selector and carrier are chosen: builder, then system property, then the best available. */
class BackendChoiceTest {

    @AfterEach
    void clearProperties() {
        System.clearProperty("curio.selector");
        System.clearProperty("curio.carrier");
    }

    @Test
    void propertyChoosesWhenTheBuilderDoesNot() {
        System.setProperty("curio.carrier", "virtual");
        System.setProperty("curio.selector", "nio");
        try (Kernel k = Kernel.builder().build()) {
            assertEquals("virtual", k.carrierName());
            assertEquals("nio", k.selectorName());
        }
    }

    @Test
    void builderWinsOverTheProperty() {
        System.setProperty("curio.selector", "no-such-backend");
        System.setProperty("curio.carrier", "virtual");
        try (Kernel k = Kernel.builder().selector("nio").carrier("continuation").build()) {
            assertEquals("continuation", k.carrierName());
        }
    }

    @Test
    void missingSelectorListsWhatWasFound() {
        System.setProperty("curio.selector", "no-such-backend");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Kernel.builder().build());
        assertTrue(e.getMessage().contains("-Dcurio.selector=no-such-backend"), e.getMessage());
        assertTrue(e.getMessage().contains("nio (priority 10, supported)"), e.getMessage());
        assertTrue(e.getMessage().contains("epoll (priority 20, supported)"), e.getMessage());
    }

    /** Runs the demo in a JVM without the flags: the kernel falls back to the virtual carrier. */
    @Test
    void withoutTheExportFlagTheKernelRunsOnVirtualThreads() throws Exception {
        List<String> out = runDemo(List.of("--enable-native-access=curio.selector.epoll"));
        assertTrue(out.contains("curio-java: carrier virtual, selector epoll"), out.toString());
        assertTrue(out.stream().anyMatch(l -> l.startsWith("INFO: curio kernel ") && l.contains("carrier virtual")
                && l.contains("(continuation needs --add-exports java.base/jdk.internal.vm=curio.kernel"
                        + " --add-opens java.base/java.lang=curio.kernel (each task's own thread-locals))")),
                "start-up says why it fell back and which flag changes it: " + out);
        assertEquals("Leaving!", out.get(out.size() - 1), out.toString());
    }

    /** The export without the opening: continuations exist, but each task could not have its own thread-locals. */
    @Test
    void withTheExportAloneTheKernelRunsOnVirtualThreadsAndNamesTheMissingFlag() throws Exception {
        List<String> out = runDemo(List.of("--add-exports", "java.base/jdk.internal.vm=curio.kernel",
                "--enable-native-access=curio.selector.epoll"));
        assertTrue(out.contains("curio-java: carrier virtual, selector epoll"), out.toString());
        assertTrue(out.stream().anyMatch(l -> l.startsWith("INFO: curio kernel ") && l.contains("carrier virtual")
                && l.contains("(continuation needs --add-opens java.base/java.lang=curio.kernel (each task's own"
                        + " thread-locals))")), "start-up says which flag is missing: " + out);
    }

    /** Asking for continuations by name without the opening is an error that names it. */
    @Test
    void continuationByNameWithoutTheOpeningIsAnErrorNamingIt() throws Exception {
        AssertionError failed = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () -> runDemo(List.of(
                "--add-exports", "java.base/jdk.internal.vm=curio.kernel", "--enable-native-access=curio.selector.epoll",
                "-Dcurio.carrier=continuation")), "the demo must fail");
        assertTrue(failed.getMessage().contains("Carrier 'continuation' needs the JVM flag --add-opens"
                + " java.base/java.lang=curio.kernel"), failed.getMessage());
    }

    @Test
    void withTheExportFlagTheKernelRunsOnContinuations() throws Exception {
        List<String> out = runDemo(List.of("--add-exports", "java.base/jdk.internal.vm=curio.kernel", "--add-opens", "java.base/java.lang=curio.kernel",
                "--enable-native-access=curio.selector.epoll"));
        assertTrue(out.contains("curio-java: carrier continuation, selector epoll"), out.toString());
        assertTrue(out.stream().anyMatch(l -> l.matches("INFO: curio kernel curio-\\d+: carrier continuation, selector epoll")),
                "one plain start-up line: " + out);
        assertEquals("Leaving!", out.get(out.size() - 1), out.toString());
    }

    /** Without --enable-native-access the epoll backend still works; the JDK warns, naming the module. */
    @Test
    void withoutNativeAccessEpollStillWorksAndTheWarningNamesIt() throws Exception {
        List<String> out = runDemo(List.of("--add-exports", "java.base/jdk.internal.vm=curio.kernel", "--add-opens", "java.base/java.lang=curio.kernel"));
        assertTrue(out.contains("curio-java: carrier continuation, selector epoll"), out.toString());
        assertTrue(out.stream().anyMatch(l -> l.contains("--enable-native-access") && l.contains("curio.selector.epoll")),
                out.toString());
        assertEquals("Leaving!", out.get(out.size() - 1), out.toString());
    }

    @Test
    void selectorPropertySwitchesBackToNio() throws Exception {
        List<String> out = runDemo(List.of("--add-exports", "java.base/jdk.internal.vm=curio.kernel", "--add-opens", "java.base/java.lang=curio.kernel",
                "-Dcurio.selector=nio"));
        assertTrue(out.contains("curio-java: carrier continuation, selector nio"), out.toString());
    }

    /** Issue 26 item 11: on the class path too, the simulated network is found by name. */
    @Test
    void theSimulatedNetworkIsFoundByNameOnTheClassPath() throws Exception {
        String javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("jdk.module.path"); // every module's jar, put on the class path instead
        Process p = new ProcessBuilder(javaBin, "--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED",
                "-Dcurio.selector=sim", "-Dcurio.demo.tickMillis=1", "-cp", classPath, "curio.it.examples.Countdown")
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), out);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("curio-java: carrier continuation, selector sim"), out);
    }

    private static List<String> runDemo(List<String> flags) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(flags);
        all.add("-Dcurio.demo.tickMillis=1");
        return ExampleRunner.runRaw("curio.it.examples.Countdown", all, List.of());
    }
}
