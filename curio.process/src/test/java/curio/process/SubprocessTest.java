package curio.process;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import curio.api.Curio;
import curio.api.Task;
import curio.api.TaskTimeout;
import curio.test.EachBackend;
import curio.test.Kernels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CURIO-SPEC 9.8: subprocesses with async pipes, on every carrier and selector (real clock: children take real time). */
class SubprocessTest {

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static void run(String backend, curio.api.AsyncRunnable<?> body) {
        Kernels.realTime(backend, body.asCallable());
    }

    @EachBackend
    void outputAndExitCodes(String backend) {
        run(backend, () -> {
            assertEquals("hello\n", s(Subprocess.checkOutput(List.of("echo", "hello"))));
            Subprocess.Completed c = Subprocess.run(List.of("sh", "-c", "echo out; echo err >&2; exit 3"));
            assertEquals(3, c.exitCode());
            assertEquals("out\n", s(c.stdout()));
            assertEquals("err\n", s(c.stderr()));
            CalledProcessError e = assertThrows(CalledProcessError.class,
                    () -> Subprocess.checkOutput(List.of("sh", "-c", "echo partial; exit 7")));
            assertEquals(7, e.exitCode());
            assertEquals("partial\n", s(e.output()));
            assertThrows(java.io.IOException.class, () -> Subprocess.start(List.of("/no/such/program")));
        });
    }

    /** A child's pipes belong to the kernel that started it: another kernel's task is refused at every call. */
    @EachBackend
    void anotherKernelsTaskIsRefusedTheChildsPipes(String backend) throws Exception {
        java.util.concurrent.CompletableFuture<Subprocess> fromA = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.CompletableFuture<Void> doneB = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.atomic.AtomicReference<Throwable> failedA = new java.util.concurrent.atomic.AtomicReference<>();
        Thread kernelA = Thread.ofPlatform().start(() -> {
            try {
                run(backend, () -> {
                    try (Subprocess p = Subprocess.start(List.of("cat"))) {
                        p.stdin().write("line\n".getBytes(StandardCharsets.UTF_8));
                        fromA.complete(p);
                        curio.api.trap.Traps.futureWait(doneB, null);
                        assertEquals("line\n", s(p.stdout().readLine()), "the refused calls took nothing");
                        p.stdin().close();
                        assertEquals(0, p.waitFor());
                    }
                });
            } catch (Throwable t) {
                failedA.set(t);
                fromA.completeExceptionally(t);
            }
        });
        try {
            List<String> refused = curio.test.Kernels.realTime(backend, () -> {
                Subprocess p = curio.api.trap.Traps.futureWait(fromA, null);
                List<String> messages = new java.util.ArrayList<>();
                for (org.junit.jupiter.api.function.Executable call : List.<org.junit.jupiter.api.function.Executable>of(
                        () -> p.stdout().readLine(), () -> p.stdin().write(new byte[] {'x'}), () -> p.stdin().close())) {
                    messages.add(org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, call).getMessage());
                }
                return messages;
            });
            for (String m : refused) {
                assertTrue(m.contains("belongs to another kernel"), m);
            }
        } finally {
            doneB.complete(null);
            kernelA.join();
        }
        if (failedA.get() != null) {
            throw new AssertionError("kernel A saw a change", failedA.get());
        }
    }

    @EachBackend
    void streamsLineByLine(String backend) {
        run(backend, () -> {
            try (Subprocess p = Subprocess.start(List.of("cat"))) {
                for (String word : List.of("one", "two", "three")) {
                    p.stdin().write((word + "\n").getBytes(StandardCharsets.UTF_8));
                    assertEquals(word + "\n", s(p.stdout().readLine()));
                }
                p.stdin().close();
                assertEquals(0, p.stdout().readLine().length);
                assertEquals(0, p.waitFor());
            }
        });
    }

    @EachBackend
    void communicateMovesLargeDataBothWaysWithoutDeadlock(String backend) {
        run(backend, () -> {
            byte[] input = new byte[8 << 20];
            for (int i = 0; i < input.length; i++) {
                input[i] = (byte) (i % 251);
            }
            try (Subprocess p = Subprocess.start(List.of("cat"))) {
                Subprocess.Output out = p.communicate(input);
                assertArrayEquals(input, out.stdout());
            }
        });
    }

    @EachBackend
    void fiftyMegabytesOnStdoutAndStderrAtOnce(String backend) {
        run(backend, () -> {
            Subprocess.Completed c = Subprocess.run(List.of("sh", "-c",
                    "head -c 52428800 /dev/zero & head -c 52428800 /dev/zero >&2; wait"));
            assertEquals(0, c.exitCode());
            assertEquals(52_428_800, c.stdout().length);
            assertEquals(52_428_800, c.stderr().length);
        });
    }

    @EachBackend
    void signalsEndChildren(String backend) {
        run(backend, () -> {
            Subprocess killed = Subprocess.start(List.of("sleep", "100"));
            killed.kill();
            assertEquals(128 + 9, killed.waitFor());
            killed.close();
            Subprocess terminated = Subprocess.start(List.of("sleep", "100"));
            terminated.terminate();
            assertEquals(128 + 15, terminated.waitFor());
            terminated.close();
        });
    }

    @EachBackend
    void aTimedOutWaitTerminatesTheChildAndLeavesNoZombieOrThread(String backend) {
        long[] pid = new long[1];
        Subprocess[] child = new Subprocess[1];
        run(backend, () -> {
            Subprocess p = Subprocess.start(List.of("sleep", "100"));
            child[0] = p;
            pid[0] = p.pid();
            assertThrows(TaskTimeout.class, () -> Curio.timeoutAfter(Duration.ofMillis(100), p::waitFor));
            assertEquals(128 + 15, p.waitFor(), "terminated by the cancelled wait");
            p.close();
            for (int i = 0; i < 200 && p.pumpsAlive(); i++) {
                Curio.sleep(Duration.ofMillis(10)); // the pumps see their closed pipes and end on their own
            }
            assertFalse(p.pumpsAlive(), "no pump thread outlives close() for long");
        });
        assertFalse(Files.exists(Path.of("/proc/" + pid[0])), "the child was reaped: no zombie");
        assertFalse(child[0].process().isAlive());
    }

    @EachBackend
    void aChildThatIgnoresSigtermIsKilledAfterTheGracePeriod(String backend) {
        run(backend, () -> {
            Subprocess p = Subprocess.start(List.of("sh", "-c", "trap '' TERM; echo ready; sleep 100"));
            assertEquals("ready\n", s(p.stdout().readLine()));
            long t0 = System.nanoTime();
            assertThrows(TaskTimeout.class, () -> Curio.timeoutAfter(Duration.ofMillis(50), p::waitFor));
            assertEquals(128 + 9, p.waitFor(), "SIGKILL after the grace period");
            assertTrue(System.nanoTime() - t0 >= Subprocess.GRACE.toNanos());
            p.close();
        });
    }

    @EachBackend
    void twoHundredConcurrentSubprocesses(String backend) {
        run(backend, () -> {
            List<Task<String>> tasks = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String word = "child-" + i;
                tasks.add(Curio.spawn(() -> s(Subprocess.checkOutput(List.of("echo", word)))));
            }
            for (int i = 0; i < tasks.size(); i++) {
                assertEquals("child-" + i + "\n", tasks.get(i).join());
            }
        });
    }

    @Test
    void fromAPlainThreadItFailsNamingTheCall() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Subprocess.start(List.of("true")));
        assertTrue(e.getMessage().startsWith("Subprocess.start() called outside a task"), e.getMessage());
    }

    /** Issue 13 item 12: a timeout around run() keeps what the child wrote so far (Curio's e.stdout, e.stderr). */
    @EachBackend
    void aTimeoutKeepsThePartialOutput(String backend) {
        run(backend, () -> {
            curio.api.TaskTimeout e = assertThrows(curio.api.TaskTimeout.class, () -> curio.api.Curio.timeoutAfter(
                    java.time.Duration.ofMillis(1500), () -> Subprocess.run(
                            List.of("sh", "-c", "echo partial; echo err >&2; sleep 30"))));
            assertEquals("partial\n", s(e.detail(PartialOutput.class).orElseThrow().stdout()));
            assertEquals("err\n", s(e.detail(PartialOutput.class).orElseThrow().stderr()));
        });
    }

    /** The FIFOs this process made for children's output, by name (they are removed once a child has them open). */
    private static List<String> fifosLeft() throws java.io.IOException {
        String prefix = "curio-" + ProcessHandle.current().pid() + "-";
        try (var names = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return names.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix)).sorted().toList();
        }
    }

    /** Descriptors this process holds on such FIFOs (their names gone, they read "(deleted)"). */
    private static long fifosOpen() throws java.io.IOException {
        String prefix = "curio-" + ProcessHandle.current().pid() + "-";
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().contains(prefix);
                } catch (java.io.IOException gone) {
                    return false; // the listing's own descriptor, closed meanwhile
                }
            }).count();
        }
    }

    @EachBackend
    void outputComesThroughTheSelectorWhereItCanPollAPipe(String backend) throws Exception {
        run(backend, () -> {
            ProcessBuilder b = new ProcessBuilder("sh", "-c", "echo out; echo err >&2");
            try (Subprocess p = Subprocess.start(b)) {
                assertEquals(backend.endsWith("epoll"), !p.pumped(), "epoll polls the child's pipes; nio pumps them with threads");
                assertEquals(List.of(), fifosLeft(), "a FIFO's name goes once the child has it open");
                assertEquals("out\n", s(p.stdout().readAll()));
                assertEquals("err\n", s(p.stderr().readAll()));
                assertEquals(0, p.waitFor());
            }
            assertEquals(ProcessBuilder.Redirect.PIPE, b.redirectOutput(), "the caller's builder is as it was");
            assertEquals(ProcessBuilder.Redirect.PIPE, b.redirectError());
        });
        assertEquals(0, fifosOpen(), "closing the subprocess closes its pipes");
    }

    @EachBackend
    void stderrMergedIntoStdoutArrivesThere(String backend) {
        run(backend, () -> {
            try (Subprocess p = Subprocess.start(new ProcessBuilder("sh", "-c", "echo one; echo two >&2; echo three")
                    .redirectErrorStream(true))) {
                assertEquals("one\ntwo\nthree\n", s(p.stdout().readAll()));
                assertThrows(IllegalStateException.class, p::stderr, "merged: no stderr of its own");
            }
        });
    }

    @EachBackend
    void aProgramThatCannotStartLeavesNoPipeBehind(String backend) throws Exception {
        run(backend, () -> assertThrows(java.io.IOException.class, () -> Subprocess.start(List.of("/no/such/program"))));
        assertEquals(List.of(), fifosLeft());
        assertEquals(0, fifosOpen());
    }

    @EachBackend
    void whereNoFifoCanBeMadePumpThreadsReadTheOutput(String backend) {
        String tmp = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", "/no/such/directory");
        try {
            run(backend, () -> {
                try (Subprocess p = Subprocess.start(List.of("sh", "-c", "echo still; echo here >&2"))) {
                    assertTrue(p.pumped(), "no FIFO: the JDK's pipes, pumped");
                    assertEquals("still\n", s(p.stdout().readAll()));
                    assertEquals("here\n", s(p.stderr().readAll()));
                }
            });
        } finally {
            System.setProperty("java.io.tmpdir", tmp);
        }
    }

    @EachBackend
    void aStartCancelledWhileTheChildStartsLeavesNoChildRunning(String backend) throws Exception {
        String marker = "sleep 3" + Math.abs(backend.hashCode() % 1000) + ".5";
        for (long micros : new long[] {0, 200, 1000, 5000}) {
            run(backend, () -> Curio.ignoreAfter(Duration.ofNanos(micros * 1000), () -> {
                try (Subprocess p = Subprocess.start(List.of("sh", "-c", marker))) {
                    p.kill(); // started in time: this test ends it itself
                }
            }));
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (orphans(marker) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, orphans(marker), "every child started for a task that gave up is killed");
    }

    private static long orphans(String marker) {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .filter(h -> h.info().commandLine().orElse("").contains(marker)).count();
    }
}
