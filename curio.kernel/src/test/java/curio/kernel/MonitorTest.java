package curio.kernel;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import curio.api.Curio;
import curio.api.Kernel;
import curio.api.Task;
import curio.api.TaskCancelled;
import curio.test.EachCarrier;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** CURIO-SPEC 1.9: the monitor console, end to end over a real socket. */
class MonitorTest {

    /** Sends a command and reads the answer up to the next prompt. */
    private static String command(InputStream in, OutputStream out, String cmd) throws Exception {
        if (cmd != null) {
            out.write((cmd + "\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            sb.append((char) c);
            if (sb.toString().endsWith("curio > ") || sb.toString().endsWith("Hit Ctrl-C to exit\n")) {
                break;
            }
        }
        return sb.toString();
    }

    @EachCarrier
    void psWhereParentsCancelHelpQuit(String carrier) throws Exception {
        try (Kernel k = Kernel.builder().carrier(carrier).monitor(new InetSocketAddress("127.0.0.1", 0)).build()) {
            k.run(() -> {
                Task<?> parent = Curio.spawn(() -> {
                    Task<?> child = Curio.spawn(() -> Curio.sleep(Duration.ofDays(1)));
                    child.join();
                });
                Curio.sleep(Duration.ofMillis(10));
                long childId = parent.id() + 1;
                long mainId = Curio.currentTask().id();
                InetSocketAddress at = (InetSocketAddress) k.monitorAddress();
                String transcript = Curio.runInThread(() -> {
                    try (Socket s = new Socket(at.getAddress(), at.getPort())) {
                        s.setSoTimeout(30_000);
                        InputStream in = s.getInputStream();
                        OutputStream out = s.getOutputStream();
                        StringBuilder all = new StringBuilder(command(in, out, null));
                        for (String cmd : new String[] {"ps", "where " + childId, "parents " + childId, "help",
                                "where " + mainId, "signal CONT", "signal NOSUCHSIGNAL",
                                "frobnicate", "cancel notanumber", "where 999999", "cancel " + childId, "quit"}) {
                            all.append(cmd).append('\n').append(command(in, out, cmd));
                        }
                        return all.toString();
                    }
                });
                assertTrue(transcript.contains("Curio Monitor: "), transcript);
                assertTrue(transcript.contains("Task   State        Cycles     Timeout Sleep   Task"), transcript);
                assertTrue(transcript.matches("(?s).*\\n" + childId + " +TIME_SLEEP .*"), transcript);
                assertTrue(transcript.contains("Stack for Task(id=" + childId), transcript);
                assertTrue(transcript.contains("MonitorTest"), "where shows the task's own frames: " + transcript);
                assertTrue(transcript.matches("(?s).*\\n" + parent.id() + " +TASK_JOIN .*"), "parents: " + transcript);
                assertTrue(transcript.contains("Commands:"), transcript);
                String mainStack = transcript.substring(transcript.indexOf("Stack for Task(id=" + mainId));
                mainStack = mainStack.substring(0, mainStack.indexOf("curio > "));
                assertTrue(mainStack.contains("MonitorTest.lambda"), "main's own frames: " + mainStack);
                assertTrue(!mainStack.contains("pollIo") && !mainStack.contains("Monitor.") && !mainStack.contains(".select("),
                        "only the task's frames, never the kernel's loop or the monitor's: " + mainStack);
                assertTrue(transcript.contains("Sent signal SIGCONT"), transcript);
                assertTrue(transcript.contains("Unknown signal NOSUCHSIGNAL\n"), transcript);
                assertTrue(!transcript.contains("Signal failed") && !transcript.toLowerCase(java.util.Locale.ROOT).contains("usage"),
                        "no system tool's usage text: " + transcript);
                assertTrue(transcript.contains("Unknown command. Type help."), transcript);
                assertTrue(transcript.contains("Bad command."), transcript);
                assertTrue(transcript.contains("No task 999999"), transcript);
                assertTrue(transcript.contains("Cancelling task " + childId), transcript);
                assertTrue(transcript.contains("Leaving monitor."), transcript);
                parent.awaitTermination();
                assertInstanceOf(curio.api.TaskError.class, parent.exception(), "the child was cancelled");
                assertInstanceOf(TaskCancelled.class, parent.exception().getCause());
                if (Boolean.getBoolean("curio.test.transcript")) {
                    System.out.println(transcript); // the README's transcript: -Dcurio.test.transcript=true
                }
            });
        }
    }

    @EachCarrier
    void severalClientsAtOnceOverlongLinesAndDeadlocks(String carrier) throws Exception {
        try (Kernel k = Kernel.builder().carrier(carrier).monitor(new InetSocketAddress("127.0.0.1", 0)).build()) {
            k.run(() -> {
                Task<?>[] pair = DeadlockTest.joinCycle();
                Curio.sleep(Duration.ofMillis(10));
                InetSocketAddress at = (InetSocketAddress) k.monitorAddress();
                String[] answers = Curio.runInThread(() -> {
                    try (Socket first = new Socket(at.getAddress(), at.getPort());
                         Socket second = new Socket(at.getAddress(), at.getPort())) {
                        first.setSoTimeout(30_000);
                        second.setSoTimeout(30_000);
                        command(first.getInputStream(), first.getOutputStream(), null);
                        command(second.getInputStream(), second.getOutputStream(), null); // both served at once
                        String tooLong = command(first.getInputStream(), first.getOutputStream(),
                                "p" + "s".repeat(5_000_000));
                        String ps = command(first.getInputStream(), first.getOutputStream(), "ps");
                        String cycles = command(second.getInputStream(), second.getOutputStream(), "deadlocks");
                        return new String[] {tooLong, ps, cycles};
                    }
                });
                assertTrue(answers[0].startsWith("Command too long"), answers[0]);
                assertTrue(answers[1].contains("Waiting on"), answers[1]);
                assertTrue(answers[1].contains("TASK_JOIN") && answers[1].contains("Task(id=" + pair[1].id()),
                        "ps shows what a task waits on: " + answers[1]);
                assertTrue(answers[2].startsWith("Cycle: task "), answers[2]);
                assertTrue(answers[2].contains("task " + pair[0].id()) && answers[2].contains("task " + pair[1].id()),
                        answers[2]);
                pair[1].cancel();
                pair[0].cancel();
            });
        }
    }
}
