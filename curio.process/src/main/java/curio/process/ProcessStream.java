package curio.process;

import curio.net.AsyncStream;
import curio.net.ByteChannelLike;

/** A child's stdin, stdout or stderr as an {@link AsyncStream}: the whole stream API over a pipe. */
public final class ProcessStream extends AsyncStream {

    ProcessStream(ByteChannelLike pipe) {
        super(new Owned(pipe, curio.api.trap.Traps.kernel()));
    }

    /**
     * A child's pipe as the kernel that started the child uses it: a call from a task of another kernel is refused
     * before anything changes, as on a socket, even one its buffered bytes would serve.
     */
    private record Owned(ByteChannelLike pipe, curio.api.Kernel owner) implements ByteChannelLike {
        @Override
        public boolean usableHere() {
            return curio.api.trap.Traps.inKernel(owner);
        }

        @Override
        public void requireUsable(String call) {
            curio.api.trap.Traps.requireKernel(call, owner, "the child's pipe " + pipe);
        }

        @Override
        public int recvInto(byte[] b, int off, int len) throws java.io.IOException {
            return pipe.recvInto(b, off, len);
        }

        @Override
        public void sendAll(byte[] b, int off, int len) throws java.io.IOException {
            pipe.sendAll(b, off, len);
        }

        @Override
        public void shutdownOutput() throws java.io.IOException {
            pipe.shutdownOutput();
        }

        @Override
        public void close() throws java.io.IOException {
            pipe.close();
        }
    }
}
