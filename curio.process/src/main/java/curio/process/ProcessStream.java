package curio.process;

import curio.net.AsyncStream;
import curio.net.ByteChannelLike;

/** A child's stdin, stdout or stderr as an {@link AsyncStream}: the whole stream API over a pipe. */
public final class ProcessStream extends AsyncStream {

    ProcessStream(ByteChannelLike pipe) {
        super(pipe);
    }
}
