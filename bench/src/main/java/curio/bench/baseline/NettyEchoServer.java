package curio.bench.baseline;

import curio.bench.net.EchoServer;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import java.net.InetSocketAddress;

/**
 * Netty 4.2's echo server on one event loop, with its native epoll transport or with NIO; with
 * {@code lines}, the line echo a Netty user writes (a {@code LineBasedFrameDecoder}, each line written
 * back whole).
 */
public final class NettyEchoServer implements EchoServer {

    @ChannelHandler.Sharable
    private static final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.write(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }
    }

    private final EventLoopGroup group;
    private final Channel server;

    /** Starts on one event loop; {@code epoll} picks the native transport. */
    public NettyEchoServer(boolean epoll) throws InterruptedException {
        this(epoll, false);
    }

    /** Starts on one event loop; {@code epoll} picks the native transport, {@code lines} the line echo. */
    public NettyEchoServer(boolean epoll, boolean lines) throws InterruptedException {
        group = new MultiThreadIoEventLoopGroup(1, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        Echo bytes = new Echo();
        ChannelHandler echo = !lines ? bytes : new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(new LineBasedFrameDecoder(64 * 1024, false, false), bytes);
            }
        };
        server = new ServerBootstrap().group(group)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(echo)
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    @Override
    public InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    @Override
    public void close() throws Exception {
        server.close().sync();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).sync();
    }
}
