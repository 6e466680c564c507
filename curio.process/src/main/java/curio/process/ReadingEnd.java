package curio.process;

import curio.net.ByteChannelLike;
import java.io.IOException;

/** The reading end of a child's output pipe: a channel with nothing to send. */
interface ReadingEnd extends ByteChannelLike {

    @Override
    default void sendAll(byte[] b, int off, int len) throws IOException {
        throw new IOException("this pipe is for reading only");
    }

    @Override
    default void shutdownOutput() {
        // a reading end has no output
    }
}
