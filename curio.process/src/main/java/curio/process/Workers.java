package curio.process;

import curio.api.CancelledError;
import curio.api.TaskState;
import curio.api.trap.Rethrow;
import curio.api.trap.SchedFIFO;
import curio.api.trap.Traps;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs work in a pool of worker JVMs (Curio's {@code run_in_process}): CPU-bound work that should
 * not share the kernel's JVM. Workers are started with the caller's module path and class path,
 * reused between calls, and at most {@link #DEFAULT_WORKERS} per kernel run at once (others wait in
 * FIFO order). The work's exception comes back as itself, with the remote stack trace as its cause
 * (a {@link RemoteException} stands in when the exception's class cannot travel). A worker that dies
 * fails only its own call ({@link WorkerCrashedException}) and is replaced; cancelling a call kills its
 * worker. Replies are deserialised behind a filter that accepts java.base, curio.process and the
 * work's own package.
 * <pre>{@code
 * long primes = Workers.runInProcess(new CountPrimes(10_000_000));   // a record implementing SerializableCallable
 * }</pre>
 * Must be called from a task.
 */
public final class Workers {

    /** Workers per kernel unless {@code -Dcurio.workers.max} says otherwise. */
    public static final int DEFAULT_WORKERS = 2;

    private static final Object POOL = new Object();

    private Workers() {}

    /**
     * Runs {@code work} in a worker JVM and returns its result. A cancellation point.
     *
     * @param <T> the type of the result
     * @param work the work to run
     * @return the body's result
     * @throws WorkerCrashedException if the worker died during the call
     * @throws IOException if the I/O fails
     */
    public static <T extends Serializable> T runInProcess(SerializableCallable<T> work) throws IOException {
        Traps.requireTask("Workers.runInProcess()");
        Objects.requireNonNull(work, "Workers.runInProcess(): work must not be null");
        Pool pool = Traps.local(POOL, () -> {
            Pool p = new Pool(Integer.getInteger("curio.workers.max", DEFAULT_WORKERS));
            Traps.atShutdown(p::shutdown);
            return p;
        });
        return pool.run(work);
    }

    /** One kernel's workers: kernel thread only. */
    private static final class Pool {
        private final int max;
        private final ArrayDeque<Worker> idle = new ArrayDeque<>();
        private final List<Worker> all = new ArrayList<>();
        private final SchedFIFO waiting = new SchedFIFO();
        private int busy;

        Pool(int max) {
            this.max = Math.max(1, max);
        }

        <T> T run(SerializableCallable<?> work) throws IOException {
            if (busy < max) {
                busy++;
            } else {
                waiting.suspend(TaskState.FUTURE_WAIT); // woken with a slot handed over
            }
            Worker w = null;
            boolean healthy = false;
            try {
                w = idle.pollLast();
                if (w == null) {
                    w = new Worker(Subprocess.start(new ProcessBuilder(command())
                            .redirectError(ProcessBuilder.Redirect.INHERIT))); // nobody reads it: do not pipe
                    all.add(w);
                }
                T result = w.call(work);
                healthy = true;
                return result;
            } catch (WorkerCrashedException | CancelledError e) {
                throw e;
            } catch (RuntimeException | IOException e) {
                healthy = w != null && w.alive(); // the work's own failure: the worker is fine
                throw e;
            } finally {
                if (w != null) {
                    if (healthy && w.alive()) {
                        idle.addLast(w);
                    } else {
                        w.kill();
                        all.remove(w);
                    }
                }
                if (waiting.isEmpty() || waiting.wake(1) == 0) {
                    busy--;
                }
            }
        }

        void shutdown() {
            for (Worker w : all) {
                w.kill();
            }
            all.clear();
            idle.clear();
        }
    }

    /** The java command that starts a worker with this JVM's module path and class path. */
    static List<String> command() {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String modulePath = System.getProperty("jdk.module.path", "");
        String classPath = System.getProperty("java.class.path", "");
        if (!classPath.isEmpty()) {
            cmd.add("-cp");
            cmd.add(classPath);
        }
        if (!modulePath.isEmpty()) {
            cmd.addAll(List.of("-p", modulePath, "--add-modules", "ALL-MODULE-PATH",
                    "-m", "curio.process/curio.process.WorkerMain"));
        } else {
            cmd.add(WorkerMain.class.getName());
        }
        return cmd;
    }

    /** One worker JVM and its framed connection over the child's stdin and stdout. */
    private static final class Worker {
        private final Subprocess process;

        Worker(Subprocess process) {
            this.process = process;
        }

        boolean alive() {
            return process.process().isAlive();
        }

        void kill() {
            process.kill();
        }

        @SuppressWarnings("unchecked")
        <T> T call(SerializableCallable<?> work) throws IOException {
            byte[] request = serialize(new WorkerMain.Request(work, curio.api.spi.ContextCarrier.encodeAll()));
            WorkerMain.Reply reply;
            try {
                process.stdin().write(ByteBuffer.allocate(4).putInt(request.length).array());
                process.stdin().write(request);
                int size = ByteBuffer.wrap(process.stdout().readExactly(4)).getInt();
                reply = (WorkerMain.Reply) deserialize(process.stdout().readExactly(size), work);
            } catch (CancelledError e) {
                kill(); // the call is abandoned: its worker goes with it
                throw e;
            } catch (java.io.EOFException e) {
                kill();
                throw new WorkerCrashedException("worker JVM pid " + process.pid() + " died during the call"
                        + exitNote());
            }
            if (reply.ok()) {
                return (T) reply.value();
            }
            RemoteException remote = new RemoteException(reply.remoteTrace());
            Throwable error = reply.error();
            if (error == null) {
                throw remote;
            }
            attach(error, remote);
            throw Rethrow.unchecked(error);
        }

        /**
         * The worker's trace goes where Curio puts it, as the cause, unless the error has a cause of its own (or
         * was made with an explicit null one, which initCause refuses): then it travels beside it, suppressed.
         */
        private static void attach(Throwable error, RemoteException remote) {
            if (error.getCause() == null) {
                try {
                    error.initCause(remote);
                    return;
                } catch (IllegalStateException causeAlreadySet) {
                    // fall through
                }
            }
            error.addSuppressed(remote);
        }

        private String exitNote() {
            return process.process().isAlive() ? "" : " (exit code " + process.process().exitValue() + ")";
        }
    }

    private static byte[] serialize(Object o) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream oos = new ObjectOutputStream(bytes)) {
            oos.writeObject(o);
        }
        return bytes.toByteArray();
    }

    private static Object deserialize(byte[] data, Object work) throws IOException {
        String pkg = work.getClass().getPackageName();
        ObjectInputFilter filter = ObjectInputFilter.Config.createFilter("maxdepth=100;maxbytes=" + (256 << 20)
                + ";java.base/*;curio.process.*;" + (pkg.isEmpty() ? "" : pkg + ".*;") + "!*");
        try (ObjectInputStream ois = new ObjectInputStream(new ByteArrayInputStream(data))) {
            ois.setObjectInputFilter(filter);
            return ois.readObject();
        } catch (ClassNotFoundException e) {
            throw new IOException("a worker's reply names a class not found here: " + e.getMessage(), e);
        }
    }

}
