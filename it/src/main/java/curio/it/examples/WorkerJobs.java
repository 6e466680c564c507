package curio.it.examples;

import curio.process.SerializableCallable;
import java.io.Serializable;

/** Work that travels to worker JVMs: the jobs of the {@link FanOut} example and of the worker tests. */
public final class WorkerJobs {

    private WorkerJobs() {}

    /** Counts the primes in [from, to): honest CPU work. */
    public record CountPrimes(long from, long to) implements SerializableCallable<Long> {
        @Override
        public Long call() {
            long count = 0;
            for (long n = Math.max(2, from); n < to; n++) {
                boolean prime = true;
                for (long d = 2; d * d <= n; d++) {
                    if (n % d == 0) {
                        prime = false;
                        break;
                    }
                }
                if (prime) {
                    count++;
                }
            }
            return count;
        }
    }

    /** Fails with an exception of the given message. */
    public record Fail(String message) implements SerializableCallable<String> {
        @Override
        public String call() {
            throw new IllegalArgumentException(message);
        }
    }

    /** Fails with an exception that has a cause of its own, as wrapped failures do. */
    public record FailWithCause(String message, String cause) implements SerializableCallable<String> {
        @Override
        public String call() throws java.io.IOException {
            throw new java.io.IOException(message, new IllegalStateException(cause));
        }
    }

    /** Returns the context the work runs with, as this JVM's carriers would send it on: what arrived. */
    public record ContextSeen() implements SerializableCallable<String> {
        @Override
        public String call() {
            return new java.util.TreeMap<>(curio.api.spi.ContextCarrier.encodeAll()).toString();
        }
    }

    /** Exits the worker JVM. */
    public record Exit(int code) implements SerializableCallable<String> {
        @Override
        public String call() {
            System.exit(code);
            return "unreachable";
        }
    }

    /** Sleeps, then answers. */
    public record Slow(long millis) implements SerializableCallable<String> {
        @Override
        public String call() throws InterruptedException {
            Thread.sleep(millis); // runs in a worker JVM: the sync world
            return "slept";
        }
    }

    /** Returns a value that cannot be serialized. */
    public record Unserializable() implements SerializableCallable<Serializable> {
        @Override
        public Serializable call() {
            return new Serializable() {
                private final transient Object unused = null;
                private final Thread notSerializable = Thread.currentThread();

                @Override
                public String toString() {
                    return String.valueOf(notSerializable) + unused;
                }
            };
        }
    }

    /** Returns the worker JVM's pid. */
    public record Pid() implements SerializableCallable<Long> {
        @Override
        public Long call() {
            return ProcessHandle.current().pid();
        }
    }
}
