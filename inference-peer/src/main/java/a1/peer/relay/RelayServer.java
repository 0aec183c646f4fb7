package a1.peer.relay;

import a1.spec.wire.ErrorCode;
import a1.spec.wire.Message;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
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
import javax.net.ssl.SSLContext;

/**
 * Serves {@link SessionTables} over TLS on one event-loop thread, which also runs the forward passes inline: the
 * tables and layer stacks need one thread anyway, and handing each request to a compute thread and the reply back
 * costs two thread wake-ups per hop, which on a loaded machine cost more than the relay itself.
 */
public final class RelayServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RelayServer.class.getName());

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final EventLoop loop = group.next();
    private final SessionTables tables;
    private final UnaryOperator<Message.Gossip> gossip;
    private final PeerQuotas quotas;
    private final Channel channel;

    private RelayServer(SessionTables tables, UnaryOperator<Message.Gossip> gossip, PeerIdentity self, RelayConfig config, InetSocketAddress bind) throws IOException {
        this.tables = tables;
        this.gossip = gossip;
        this.quotas = new PeerQuotas(config.perPeer(), System::nanoTime);
        SSLContext tls = Tls.context(self, null);
        ReceiveBudget budget = new ReceiveBudget(config.perPeer().receiveBytes());
        ServerBootstrap b = new ServerBootstrap().group(loop).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                // One read per connection per turn of the loop: a connection that always has more to read (a flood)
                // waits its turn behind the others instead of being drained first.
                .childOption(ChannelOption.RCVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator().maxMessagesPerRead(1))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        String refused = quotas.connectionOpened();
                        if (refused != null) {
                            LOG.log(System.Logger.Level.WARNING, "refusing connection from " + ch.remoteAddress() + ": " + refused);
                            ch.close();
                            return;
                        }
                        ch.closeFuture().addListener(f -> quotas.connectionClosed());
                        Pipelines.init(ch.pipeline(), Tls.acceptor(tls, config.handshakeTimeoutMillis()), self, config, budget, new Handler());
                    }
                });
        try {
            channel = b.bind(bind).sync().channel();
        } catch (Exception e) {
            close();
            throw new IOException("cannot listen on " + bind + ": " + e.getMessage(), e);
        }
        loop.scheduleAtFixedRate(() -> {
            tables.expireIdle();
            quotas.forgetIdle();
        }, 10, 10, TimeUnit.SECONDS);
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

    /**
     * One connection: after the handshake, each request is charged to its peer's quotas before it runs. A peer that
     * does not read its replies is not read from until it does, so unread replies cannot pile up.
     */
    private final class Handler extends SimpleChannelInboundHandler<Message> {
        private SessionOwner owner;
        private boolean closing;

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof HandshakeHandler.Authenticated a) {
                String refused = quotas.joined(a.hex());
                if (refused != null) {
                    LOG.log(System.Logger.Level.WARNING, "closing " + ctx.channel().remoteAddress() + ": " + refused);
                    ctx.writeAndFlush(new Message.Error(0, ErrorCode.BUSY, refused)).addListener(ChannelFutureListener.CLOSE);
                    return;
                }
                owner = new SessionOwner(a.hex(), ctx.channel().id().asLongText());
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Message m) {
            if (owner == null || closing) return; // refused, closing
            Message reply = m instanceof Message.Gossip g ? answerGossip(g) : answerRequest(m);
            if (quotas.persistent(owner.peerId())) {
                LOG.log(System.Logger.Level.WARNING, "closing " + ctx.channel().remoteAddress() + ": peer " + owner.peerId().substring(0, 8) + " kept sending over its limits");
                ctx.writeAndFlush(new Message.Error(0, ErrorCode.BUSY, "closing: you kept sending over your per-peer limits")).addListener(ChannelFutureListener.CLOSE);
                closing = true;
                return;
            }
            if (reply != null) ctx.write(reply);
            if (!ctx.channel().isWritable()) ctx.channel().config().setAutoRead(false);
        }

        /** Replies are flushed once per read, not once per request: one TLS record and one write for a batch. */
        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
            ctx.fireChannelReadComplete();
        }

        private Message answerGossip(Message.Gossip g) {
            String refused = quotas.gossip(owner.peerId());
            return refused != null ? new Message.Error(0, ErrorCode.BUSY, refused) : gossip.apply(g);
        }

        private Message answerRequest(Message m) {
            String refused = quotas.request(owner.peerId(), m);
            if (refused != null && !(m instanceof Message.Close)) return new Message.Error(sessionId(m), ErrorCode.BUSY, refused);
            try {
                return tables.handle(owner, m);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "request " + m.type() + " failed", e);
                return new Message.Error(0, ErrorCode.INTERNAL, truncate("internal error: " + e.getMessage()));
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            ctx.channel().config().setAutoRead(ctx.channel().isWritable());
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (owner != null) {
                tables.dropOwner(owner);
                quotas.left(owner.peerId());
            }
            ctx.fireChannelInactive();
        }
    }

    private static long sessionId(Message m) {
        return switch (m) {
            case Message.Open o -> o.sessionId();
            case Message.Forward f -> f.sessionId();
            default -> 0;
        };
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
