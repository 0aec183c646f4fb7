package a1.peer.relay;

import a1.spec.wire.ErrorCode;
import a1.spec.wire.Message;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Serves {@link SessionTables} over TCP on one event-loop thread, which also runs the forward passes inline: the
 * tables and layer stacks need one thread anyway, and handing each request to a compute thread and the reply back
 * costs two thread wake-ups per hop, which on a loaded machine cost more than the relay itself.
 */
public final class RelayServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RelayServer.class.getName());

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final EventLoop loop = group.next();
    private final SessionTables tables;
    private final UnaryOperator<Message.Gossip> gossip;
    private final Channel channel;

    private RelayServer(SessionTables tables, UnaryOperator<Message.Gossip> gossip, PeerIdentity self, RelayConfig config, InetSocketAddress bind) throws IOException {
        this.tables = tables;
        this.gossip = gossip;
        ServerBootstrap b = new ServerBootstrap().group(loop).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        Pipelines.init(ch.pipeline(), self, config, new Handler());
                    }
                });
        try {
            channel = b.bind(bind).sync().channel();
        } catch (Exception e) {
            close();
            throw new IOException("cannot listen on " + bind + ": " + e.getMessage(), e);
        }
        loop.scheduleAtFixedRate(tables::expireIdle, 10, 10, TimeUnit.SECONDS);
    }

    /**
     * Serves the sessions of {@code tables}; gossip messages are answered by {@code gossip} (on a network thread,
     * never behind a forward pass).
     */
    public static RelayServer start(SessionTables tables, UnaryOperator<Message.Gossip> gossip, PeerIdentity self, RelayConfig config, InetSocketAddress bind) throws IOException {
        return new RelayServer(tables, gossip, self, config, bind);
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** Runs {@code task} on the server's thread (where the session tables live) and waits for it. */
    public <T> T onServerThread(java.util.concurrent.Callable<T> task) throws Exception {
        return loop.submit(task).get();
    }

    private final class Handler extends SimpleChannelInboundHandler<Message> {
        private String owner;

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof HandshakeHandler.Authenticated a) owner = a.hex() + "@" + ctx.channel().id().asLongText();
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Message m) {
            if (m instanceof Message.Gossip g) {
                ctx.writeAndFlush(gossip.apply(g));
                return;
            }
            Message reply;
            try {
                reply = tables.handle(owner, m);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "request " + m.type() + " failed", e);
                reply = new Message.Error(0, ErrorCode.INTERNAL, truncate("internal error: " + e.getMessage()));
            }
            if (reply != null) ctx.writeAndFlush(reply);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (owner != null) tables.dropOwner(owner);
            ctx.fireChannelInactive();
        }
    }

    private static String truncate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200);
    }

    @Override
    public void close() {
        if (channel != null) channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
