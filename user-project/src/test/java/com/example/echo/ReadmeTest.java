package com.example.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The README's "Use it in your project" is this project: its snippets are checked and its command is run. */
class ReadmeTest {

    private static final Path README = Path.of("..", "README.md");

    private static String between(String text, String name) {
        String begin = "<!-- BEGIN README: " + name + " -->";
        String end = "<!-- END README: " + name + " -->";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        assertTrue(from >= 0 && to > from, "markers " + name + " missing");
        return text.substring(from + begin.length(), to);
    }

    /** Every line stripped, blank lines and code fences dropped: layout may differ, content may not. */
    private static List<String> content(String block) {
        List<String> lines = new ArrayList<>();
        for (String line : block.split("\n")) {
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith("```")) {
                lines.add(l);
            }
        }
        return lines;
    }

    @Test
    void theMavenSnippetIsThisProjectsPom() throws IOException {
        String readme = Files.readString(README);
        String pom = Files.readString(Path.of("pom.xml"));
        assertEquals(content(between(pom, "maven")), content(between(readme, "maven")),
                "README's Maven snippet and user-project/pom.xml differ: copy one to the other");
    }

    @Test
    void theJavaCommandRunsTheProgram() throws Exception {
        String block = between(Files.readString(README), "java");
        String command = String.join(" ", content(block)).replace("\\ ", " ");
        assertTrue(command.startsWith("\"$JAVA_HOME\"/bin/java "), "the JDK 25 of JAVA_HOME, not the first java on PATH: " + command);
        List<String> argv = new ArrayList<>(List.of(command.split("\\s+")));
        argv.set(0, Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process p = new ProcessBuilder(argv).redirectErrorStream(false).start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the README's command did not end: " + command);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out + err);
        assertTrue(out.startsWith("HELLO (carrier continuation, selector "), out + err);
        assertTrue(!err.contains("WARNING"), "the flags keep the JDK quiet: " + err);
    }
}
