package com.example.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import curio.api.Curio;
import curio.api.DeadlockException;
import curio.api.Kernel;
import curio.api.Task;
import curio.net.Socket;
import curio.test.CurioTest;
import curio.test.EachBackend;
import curio.test.Kernels;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The user's view: the service tested with curio.test, everything on the module path. */
class EchoServiceTest {

    private static String ask(Socket s, String line) throws Exception {
        s.sendAll((line + "\n").getBytes(StandardCharsets.UTF_8));
        return new String(s.asStream().readLine(), StandardCharsets.UTF_8);
    }

    @CurioTest(selectors = {"nio", "epoll"}, deadlineSeconds = 30)
    void linesComeBackUpperCased() throws Exception {
        Socket[] pair = Socket.pair();
        Task<?> server = Curio.spawn(() -> EchoService.serve(pair[1]));
        try (Socket client = pair[0]) {
            assertEquals("HELLO\n", ask(client, "hello"));
            assertEquals("CURIO\n", ask(client, "curio"));
            client.sendAll("bye\n".getBytes(StandardCharsets.UTF_8));
            server.join();
        }
    }

    @EachBackend
    void manyClientsAtOnce(String backend) {
        Kernels.run(backend, () -> {
            try (Socket listener = Socket.tcp()) {
                listener.bind(new java.net.InetSocketAddress("127.0.0.1", 0));
                listener.listen(16);
                Task<?> accepting = Curio.spawnDaemon(() -> EchoService.serveAll(listener));
                java.util.List<Task<String>> clients = new java.util.ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    int n = i;
                    clients.add(Curio.spawn(() -> {
                        try (Socket c = Socket.tcp()) {
                            c.connect(listener.localAddress());
                            return ask(c, "client " + n);
                        }
                    }));
                }
                for (int i = 0; i < 20; i++) {
                    assertEquals("CLIENT " + i + "\n", clients.get(i).join());
                }
                accepting.cancel();
            }
        });
    }

    @Test
    void aForgottenReplyIsADeadlockNotAHang() {
        try (Kernel k = Kernels.open("virtual")) {
            DeadlockException e = assertThrows(DeadlockException.class, () -> k.run(() -> {
                Socket[] pair = Socket.pair();
                // nobody serves pair[1]: the read waits on a socket, which is not a deadlock by itself...
                Task<String> reader = Curio.spawn(() -> new String(pair[0].asStream().readLine(), StandardCharsets.UTF_8));
                Curio.sleep(Duration.ofMillis(10));
                reader.cancel();
                // ...but a join nobody can end is
                curio.api.trap.SchedBarrier never = new curio.api.trap.SchedBarrier("the reply that never comes");
                never.suspend(curio.api.TaskState.of("EVENT_WAIT"));
            }));
            assertTrue(e.getMessage().contains("the reply that never comes"), e.getMessage());
        }
    }

    /**
     * The point of this project: every published module, the test kit included, resolves as a named
     * module on a module path (no split package, no missing requires), as a user's launcher or build
     * tool would put them. Surefire itself may put test-scoped jars on the class path; this builds the
     * module graph from the same jars, in a layer of its own, and loads the test kit through it.
     */
    @Test
    void everythingResolvesOnAModulePath() throws Exception {
        java.util.List<java.nio.file.Path> jars = new java.util.ArrayList<>();
        for (String property : new String[] {"jdk.module.path", "java.class.path"}) {
            String value = System.getProperty(property, "");
            for (String entry : value.split(java.io.File.pathSeparator)) {
                if (!entry.isBlank() && !entry.contains("test-classes")) {
                    jars.add(java.nio.file.Path.of(entry));
                }
            }
        }
        java.lang.module.ModuleFinder finder = java.lang.module.ModuleFinder.of(jars.toArray(java.nio.file.Path[]::new));
        // What Surefire put on the module path is in the boot layer already; the rest (test-scoped and
        // runtime-scoped jars sit on its class path) is resolved here as named modules on top of it.
        java.util.Set<String> roots = new java.util.TreeSet<>();
        for (java.lang.module.ModuleReference m : finder.findAll()) {
            String name = m.descriptor().name();
            if (name.startsWith("curio.") && ModuleLayer.boot().findModule(name).isEmpty()) {
                roots.add(name);
            }
        }
        assertTrue(roots.contains("curio.test"), "curio.test was not on the module path already: " + roots);
        java.lang.module.Configuration graph = ModuleLayer.boot().configuration()
                .resolve(java.lang.module.ModuleFinder.of(), finder, roots);
        ModuleLayer layer = ModuleLayer.boot().defineModulesWithOneLoader(graph, ClassLoader.getPlatformClassLoader());
        Class<?> kit = layer.findLoader("curio.test").loadClass("curio.test.CurioTest");
        assertEquals("curio.test", kit.getModule().getName(), "the test kit is a named module");
        assertTrue(kit.getModule().isExported("curio.test"));
        assertEquals(java.util.Set.of("curio.test"), kit.getModule().getDescriptor().packages(),
                "curio.test holds one package, shared with no other module");
        assertEquals("com.example.echo", EchoServiceTest.class.getModule().getName(), "the tests run in the user's module");
    }
}
