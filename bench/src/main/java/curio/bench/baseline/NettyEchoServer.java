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
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import java.net.InetSocketAddress;

/**
 * Netty 4.2's echo server on one event loop, with its native epoll transport or with NIO; with
 * {@code lines}, the line echo a Netty user writes (a {@code LineBasedFrameDecoder}, each line written
 * back whole); with {@link #tls}, an {@code SslHandler} on the JDK's own provider (the SSLEngine
 * curio-java uses too), TLS 1.3 only, in front of the echo.
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
        this(epoll, lines ? ch -> new LineBasedFrameDecoder(64 * 1024, false, false) : ch -> null);
    }

    /**
     * Starts the TLS echo on one native-epoll event loop with the server's key.
     *
     * @param keys a key store holding the server's key and certificate
     * @param password the key store's password
     * @return the running server
     */
    public static NettyEchoServer tls(KeyStore keys, char[] password) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, password);
        SslContext tls = SslContextBuilder.forServer(kmf).sslProvider(SslProvider.JDK).protocols("TLSv1.3").build();
        return new NettyEchoServer(true, ch -> tls.newHandler(ch.alloc()));
    }

    /** {@code front} makes the handler in front of the echo on each connection, or null for none. */
    private NettyEchoServer(boolean epoll, java.util.function.Function<Channel, ChannelHandler> front)
            throws InterruptedException {
        group = new MultiThreadIoEventLoopGroup(1, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        Echo echo = new Echo();
        server = new ServerBootstrap().group(group)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ChannelHandler first = front.apply(ch);
                        if (first != null) {
                            ch.pipeline().addLast(first);
                        }
                        ch.pipeline().addLast(echo);
                    }
                })
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
