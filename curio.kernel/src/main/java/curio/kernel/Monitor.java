package curio.kernel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The monitor console (Curio's {@code curio.monitor}): a line-oriented TCP console on a daemon thread
 * of its own, serving one client at a time. It never touches kernel state itself: every command is
 * posted to the kernel's inbox and answered from a snapshot the kernel thread takes, so it is safe
 * while tasks run. Commands (by prefix): {@code ps}, {@code where ID}, {@code cancel ID},
 * {@code parents ID}, {@code help}, {@code quit}.
 */
final class Monitor implements AutoCloseable {

    /** One task as the monitor shows it. */
    record TaskInfo(long id, String state, long cycles, String timeout, String sleep, String name, long parentId) {}

    private static final String HELP = """
            Commands:
                     ps               : Show task table
                     where taskid     : Show stack frames for a task
                     cancel taskid    : Cancel an indicated task
                     parents taskid   : List task parents
                     quit             : Leave the monitor
            """;

    private final CurioKernel kernel;
    private final ServerSocket server;
    private final Thread thread;
    private volatile boolean closing;
    private volatile Socket client;

    Monitor(CurioKernel kernel, InetSocketAddress address) throws IOException {
        this.kernel = kernel;
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(address, 1);
        this.thread = Thread.ofPlatform().daemon(true).name("curio-monitor").start(this::serve);
    }

    SocketAddress address() {
        return server.getLocalSocketAddress();
    }

    private void serve() {
        while (!closing) {
            try (Socket c = server.accept()) {
                client = c;
                session(c);
            } catch (IOException e) {
                if (closing) {
                    return;
                }
            } finally {
                client = null;
            }
        }
    }

    private <T> T ask(Function<CurioKernel, T> question) throws IOException {
        CompletableFuture<T> answer = new CompletableFuture<>();
        kernel.post(() -> {
            try {
                answer.complete(question.apply(kernel));
            } catch (Throwable t) {
                answer.completeExceptionally(t);
            }
        });
        try {
            return answer.get(10, TimeUnit.SECONDS); // the monitor's own thread: the sync world
        } catch (Exception e) {
            throw new IOException("the kernel did not answer: " + e, e);
        }
    }

    private void session(Socket c) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.ISO_8859_1));
        OutputStream out = c.getOutputStream();
        List<TaskInfo> tasks = ask(CurioKernel::monitorSnapshot);
        say(out, "\nCurio Monitor: " + tasks.size() + " tasks running\nType help for commands\n");
        while (true) {
            say(out, "curio > ");
            String line = in.readLine();
            if (line == null) {
                return;
            }
            String cmd = line.strip();
            String[] words = cmd.split("\\s+");
            try {
                if (cmd.startsWith("q") || cmd.equals("exit")) {
                    say(out, "Leaving monitor. Hit Ctrl-C to exit\n");
                    return;
                } else if (cmd.startsWith("pa")) {
                    say(out, parents(Long.parseLong(words[1])));
                } else if (cmd.startsWith("p")) {
                    say(out, ps(ask(CurioKernel::monitorSnapshot)));
                } else if (cmd.startsWith("cancel")) {
                    long id = Long.parseLong(words[1]);
                    if (ask(k -> k.monitorCancel(id))) {
                        say(out, "Cancelling task " + id + "\n");
                    }
                } else if (cmd.startsWith("w")) {
                    long id = Long.parseLong(words[1]);
                    say(out, ask(k -> k.monitorWhere(id)));
                } else if (cmd.startsWith("h")) {
                    say(out, HELP);
                } else if (!cmd.isEmpty()) {
                    say(out, "Unknown command. Type help.\n");
                }
            } catch (RuntimeException e) {
                say(out, "Bad command. " + e + "\n");
            }
        }
    }

    private static String ps(List<TaskInfo> tasks) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-6s %-12s %-10s %-7s %-7s %-50s%n", "Task", "State", "Cycles", "Timeout",
                "Sleep", "Task"));
        sb.append("-".repeat(6)).append(' ').append("-".repeat(12)).append(' ').append("-".repeat(10)).append(' ')
                .append("-".repeat(7)).append(' ').append("-".repeat(7)).append(' ').append("-".repeat(50)).append('\n');
        for (TaskInfo t : tasks) {
            sb.append(String.format(Locale.ROOT, "%-6d %-12s %-10d %-7s %-7s %-50s%n", t.id(), t.state(), t.cycles(),
                    t.timeout(), t.sleep(), t.name()));
        }
        return sb.toString();
    }

    private String parents(long id) throws IOException {
        List<TaskInfo> tasks = ask(CurioKernel::monitorSnapshot);
        StringBuilder sb = new StringBuilder();
        for (long next = id; next > 0; ) {
            long look = next;
            TaskInfo t = tasks.stream().filter(x -> x.id() == look).findFirst().orElse(null);
            if (t == null) {
                break;
            }
            sb.append(String.format(Locale.ROOT, "%-6d %12s %s%n", t.id(), t.state(), t.name()));
            next = t.parentId();
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
            Socket c = client;
            if (c != null) {
                c.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
