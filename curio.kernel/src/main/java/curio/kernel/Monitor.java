package curio.kernel;

import curio.api.Activation;
import curio.api.Kernel;
import curio.api.Task;
import curio.api.internal.Cancellations;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The monitor console (Curio's {@code curio.monitor}): a line-oriented TCP console, written on top of
 * the kernel rather than inside it. It is an {@link Activation}: the kernel tells it of every task
 * created and terminated, and it keeps its own table of live tasks (kernel thread only). Each client
 * has a platform thread of its own (the sync world); a command is posted to the kernel's inbox and
 * answered on the kernel thread from that table, so the monitor is safe while tasks run. Commands (by
 * prefix): {@code ps}, {@code where ID}, {@code cancel ID}, {@code parents ID}, {@code deadlocks},
 * {@code signal NAME}, {@code help},
 * {@code quit}. A command line longer than {@link #MAX_LINE} bytes is refused and skipped.
 */
final class Monitor implements Activation, AutoCloseable {

    /** The longest command line read; the rest of a longer line is discarded unread into memory. */
    static final int MAX_LINE = 1024;

    /** One task as the monitor shows it. */
    record TaskInfo(long id, String state, long cycles, String timeout, String sleep, String name, long parentId,
                    String waitsOn) {}

    private static final String HELP = """
            Commands:
                     ps               : Show task table
                     where taskid     : Show stack frames for a task
                     cancel taskid    : Cancel an indicated task
                     parents taskid   : List task parents
                     deadlocks        : List wait-for cycles among tasks
                     signal signame   : Send a Unix signal to this process
                     quit             : Leave the monitor
            """;

    private final ServerSocket server;
    private final Set<Socket> clients = ConcurrentHashMap.newKeySet();
    private final Map<Long, KernelTask<?>> tasks = new LinkedHashMap<>(); // kernel thread only; oldest first
    private volatile TaskLoop kernel;                                     // set by activate
    private volatile boolean closing;

    Monitor(InetSocketAddress address) throws IOException {
        this.server = new ServerSocket();
        try {
            server.setReuseAddress(true);
            server.bind(address, 16);
        } catch (IOException e) {
            server.close();
            throw e;
        }
    }

    /** Starts accepting clients once the kernel exists. */
    void start(TaskLoop owner) {
        this.kernel = owner;
        Thread.ofPlatform().daemon(true).name("curio-monitor").inheritInheritableThreadLocals(false).start(this::serve);
    }

    SocketAddress address() {
        return server.getLocalSocketAddress();
    }

    // -- Activation: the kernel thread keeps the table

    @Override
    public void activate(Kernel k) {}

    @Override
    public void created(Task<?> task) {
        tasks.put(task.id(), (KernelTask<?>) task);
    }

    @Override
    public void terminated(Task<?> task) {
        tasks.remove(task.id());
    }

    // -- the sync world: one thread accepting, one per client

    private void serve() {
        while (!closing) {
            Socket c;
            try {
                c = server.accept();
            } catch (IOException e) {
                if (closing) {
                    return;
                }
                continue;
            }
            clients.add(c);
            Thread.ofPlatform().daemon(true).name("curio-monitor-client").start(() -> {
                try (c) {
                    session(c);
                } catch (IOException | RuntimeException e) {
                    // the client went away or sent something unreadable: only this session ends
                } finally {
                    clients.remove(c);
                }
            });
        }
    }

    /*
     * Discussion: why a monitor thread asks rather than reads. The task table, the tasks' states and their
     * wait targets belong to the kernel's thread, which writes them without locks; a client thread reading
     * them directly could see a task half-way through a switch. So every answer is computed on the kernel
     * thread, posted through its inbox (the one way in from other threads), and handed back through a
     * future. The ten-second limit matters when the kernel is stuck: a task blocking its thread is exactly
     * when someone opens the monitor, and then the client is told the kernel did not answer instead of
     * hanging with it.
     */
    private <T> T ask(Supplier<T> question) throws IOException {
        CompletableFuture<T> answer = new CompletableFuture<>();
        kernel.post(() -> {
            try {
                answer.complete(question.get());
            } catch (Throwable t) {
                answer.completeExceptionally(t);
            }
        });
        try {
            return answer.get(10, TimeUnit.SECONDS); // a monitor thread: the sync world
        } catch (Exception e) {
            throw new IOException("the kernel did not answer: " + e, e);
        }
    }

    private void session(Socket c) throws IOException {
        InputStream in = new java.io.BufferedInputStream(c.getInputStream());
        OutputStream out = c.getOutputStream();
        say(out, "\nCurio Monitor: " + ask(this::snapshot).size() + " tasks running\nType help for commands\n");
        while (true) {
            say(out, "curio > ");
            String line = readLine(in);
            if (line == null) {
                return;
            }
            if (line.length() > MAX_LINE) {
                say(out, "Command too long (limit " + MAX_LINE + " bytes); ignored.\n");
                continue;
            }
            String cmd = line.strip();
            if (cmd.startsWith("q") || cmd.equals("exit")) {
                say(out, "Leaving monitor. Hit Ctrl-C to exit\n");
                return;
            }
            say(out, answer(cmd));
        }
    }

    private String answer(String cmd) throws IOException {
        String[] words = cmd.split("\\s+");
        try {
            if (cmd.startsWith("pa")) {
                return parents(Long.parseLong(words[1]));
            } else if (cmd.startsWith("p")) {
                return ps(ask(this::snapshot));
            } else if (cmd.startsWith("cancel")) {
                long id = Long.parseLong(words[1]);
                return ask(() -> cancel(id)) ? "Cancelling task " + id + "\n" : "No task " + id + "\n";
            } else if (cmd.startsWith("w")) {
                long id = Long.parseLong(words[1]);
                return ask(() -> where(id));
            } else if (cmd.startsWith("signal")) {
                return signal(words[1]);
            } else if (cmd.startsWith("d")) {
                return ask(this::deadlocks);
            } else if (cmd.startsWith("h")) {
                return HELP;
            } else if (!cmd.isEmpty()) {
                return "Unknown command. Type help.\n";
            }
            return "";
        } catch (RuntimeException e) {
            return "Bad command. " + e + "\n";
        }
    }

    /**
     * Reads one line of at most {@link #MAX_LINE} bytes; a longer one comes back as a string one byte
     * over the limit, its remainder read and dropped. Null at end of stream.
     */
    private static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (sb.length() <= MAX_LINE) {
                sb.append((char) b);
            }
        }
        if (b < 0 && sb.isEmpty()) {
            return null;
        }
        return sb.toString();
    }

    // -- answers, computed on the kernel thread

    private List<TaskInfo> snapshot() {
        long now = kernel.clock();
        List<TaskInfo> out = new ArrayList<>(tasks.size());
        for (KernelTask<?> t : tasks.values()) {
            out.add(new TaskInfo(t.id(), t.state().name(), t.cycles, remaining(t.timeout, now),
                    remaining(t.sleepUntil, now), t.name(), t.parent() == null ? 0 : t.parent().id(),
                    t.waitTarget() == null ? "" : String.valueOf(t.waitTarget())));
        }
        return out;
    }

    private static String remaining(long deadline, long now) {
        if (deadline == KernelTask.NO_DEADLINE) {
            return "None";
        }
        String s = String.format(Locale.ROOT, "%.6f", (deadline - now) / 1e9);
        return s.length() > 7 ? s.substring(0, 7) : s;
    }

    /* A cancel from the monitor is a cancel request like any other: one-shot, delivered at the task's next
     * blocking trap, with its stack trace taken there (a kernel-made TaskCancelled), not in this thread. */
    private boolean cancel(long id) {
        KernelTask<?> t = tasks.get(id);
        if (t == null) {
            return false;
        }
        kernel.cancelTask(t, Cancellations.taskCancelled());
        return true;
    }

    private String where(long id) {
        KernelTask<?> t = tasks.get(id);
        if (t == null) {
            return "No task " + id + "\n";
        }
        // Posted work may run inside a yielding task (the in-place yield): then that task is running here.
        StackTraceElement[] stack = t == kernel.currentTask() ? Thread.currentThread().getStackTrace() : t.fiber.stack();
        if (stack == null || stack.length == 0) {
            return "No stack for " + t + "\n";
        }
        StringBuilder sb = new StringBuilder("Stack for " + t + " (most recent call first):\n");
        if (t.waitTarget() != null) {
            sb.append("Waiting on ").append(t.waitTarget()).append('\n');
        }
        for (StackTraceElement e : stack) {
            sb.append("  ").append(e).append('\n');
        }
        return sb.toString();
    }

    /** The signal names Linux's kill accepts, without the SIG prefix (Python's signal module knows the same). */
    private static final java.util.Set<String> SIGNALS = java.util.Set.of("HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT",
            "IOT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT",
            "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "POLL", "PWR", "SYS");

    /** Curio's {@code signal}: the JDK has no API to raise a signal, so the OS's kill command sends it. */
    private static String signal(String name) throws IOException {
        String signame = name.toUpperCase(Locale.ROOT).replaceFirst("^SIG", "");
        if (!SIGNALS.contains(signame)) {
            return "Unknown signal " + name + "\n"; // checked here: kill would answer with its usage text
        }
        Process kill = new ProcessBuilder("kill", "-" + signame, Long.toString(ProcessHandle.current().pid()))
                .redirectErrorStream(true).start();
        String said = new String(kill.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1).strip();
        try {
            return kill.waitFor() == 0 ? "Sent signal SIG" + signame + "\n" : "Signal failed: " + said + "\n";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "Interrupted\n";
        }
    }

    private String deadlocks() {
        java.util.Map<Task<?>, Object> waits = kernel.waits();
        List<List<Task<?>>> cycles = curio.api.trap.WaitGraph.cycles(waits);
        if (cycles.isEmpty()) {
            return "No wait-for cycles among " + waits.size() + " blocked tasks\n";
        }
        StringBuilder sb = new StringBuilder();
        for (List<Task<?>> c : cycles) {
            sb.append("Cycle: ").append(curio.api.trap.WaitGraph.describe(c, waits)).append('\n');
        }
        return sb.toString();
    }

    private String parents(long id) throws IOException {
        List<TaskInfo> all = ask(this::snapshot);
        StringBuilder sb = new StringBuilder();
        for (long next = id; next > 0; ) {
            long look = next;
            TaskInfo t = all.stream().filter(x -> x.id() == look).findFirst().orElse(null);
            if (t == null) {
                break;
            }
            sb.append(String.format(Locale.ROOT, "%-6d %12s %s%n", t.id(), t.state(), t.name()));
            next = t.parentId();
        }
        return sb.toString();
    }

    private static String ps(List<TaskInfo> all) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-6s %-12s %-10s %-7s %-7s %-50s %s%n", "Task", "State", "Cycles", "Timeout",
                "Sleep", "Task", "Waiting on"));
        sb.append("-".repeat(6)).append(' ').append("-".repeat(12)).append(' ').append("-".repeat(10)).append(' ')
                .append("-".repeat(7)).append(' ').append("-".repeat(7)).append(' ').append("-".repeat(50)).append(" ").append("-".repeat(10)).append('\n');
        for (TaskInfo t : all) {
            sb.append(String.format(Locale.ROOT, "%-6d %-12s %-10d %-7s %-7s %-50s %s%n", t.id(), t.state(), t.cycles(),
                    t.timeout(), t.sleep(), t.name(), t.waitsOn()));
        }
        return sb.toString();
    }

    private static void say(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() {
        closing = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket c : clients) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
