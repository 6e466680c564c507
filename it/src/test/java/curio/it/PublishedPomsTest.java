package curio.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What a repository (Maven Central's rules) and a user's build need from each published POM: a name,
 * a description, a URL, a licence, SCM and developers (inherited from curio-parent, or the BOM's own),
 * and a BOM that lists every published module. The non-library modules are never installed.
 */
class PublishedPomsTest {

    private static final Path ROOT = Path.of("..");
    private static final Set<String> NOT_PUBLISHED = Set.of("it", "bench", "user-project", "curio-bom");

    private static String read(Path p) throws IOException {
        return Files.readString(p).replaceAll("(?s)<!--.*?-->", "");
    }

    private static List<String> all(String xml, String tag) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<" + tag + ">\\s*([^<]*?)\\s*</" + tag + ">").matcher(xml);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static void hasMetadata(String what, String xml) {
        for (String tag : List.of("url", "licenses", "scm", "developers")) {
            assertTrue(xml.contains("<" + tag + ">"), what + " has no <" + tag + ">");
        }
        assertTrue(xml.contains("<name>BSD-3-Clause</name>"), what + ": the licence is BSD-3-Clause, as LICENSE says");
        assertTrue(xml.contains("<project.build.outputTimestamp>"), what + ": no reproducible-build timestamp");
    }

    private static Set<String> publishedModules() throws IOException {
        Set<String> modules = new TreeSet<>(all(read(ROOT.resolve("pom.xml")), "module"));
        modules.removeAll(NOT_PUBLISHED);
        return modules;
    }

    @Test
    void theParentCarriesWhatEveryPublishedModuleInherits() throws IOException {
        hasMetadata("curio-parent", read(ROOT.resolve("pom.xml")));
        assertTrue(Files.readString(ROOT.resolve("LICENSE")).startsWith("BSD 3-Clause License"));
    }

    @Test
    void everyPublishedModuleIsNamedDescribedAndInheritsTheParent() throws IOException {
        for (String module : publishedModules()) {
            String pom = read(ROOT.resolve(module).resolve("pom.xml"));
            assertTrue(pom.contains("<artifactId>curio-parent</artifactId>"), module + " must inherit curio-parent");
            assertEquals(List.of(module), all(pom, "name"), module + ": <name>");
            assertTrue(all(pom, "description").stream().anyMatch(d -> d.length() > 20), module + ": <description>");
            assertTrue(Files.isRegularFile(ROOT.resolve(module).resolve("src/main/java/module-info.java")),
                    module + " is a JPMS module");
        }
    }

    @Test
    void theBomListsEveryPublishedModuleAndStandsAlone() throws IOException {
        String bom = read(ROOT.resolve("curio-bom/pom.xml"));
        hasMetadata("curio-bom", bom);
        assertTrue(!bom.contains("<parent>"), "the BOM must not inherit the parent's dependency management");
        Set<String> listed = new TreeSet<>(all(bom, "artifactId"));
        listed.remove("curio-bom");
        assertEquals(publishedModules(), listed, "the BOM and the published modules differ");
    }

    @Test
    void theNonLibraryModulesAreNeverInstalledOrDeployed() throws IOException {
        for (String module : List.of("it", "bench", "user-project")) {
            String pom = read(ROOT.resolve(module).resolve("pom.xml"));
            assertTrue(pom.contains("<maven.install.skip>true</maven.install.skip>"), module + " would be installed");
            assertTrue(pom.contains("<maven.deploy.skip>true</maven.deploy.skip>"), module + " would be deployed");
        }
    }
}
