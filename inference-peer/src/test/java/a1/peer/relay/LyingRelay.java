package a1.peer.relay;

import a1.spec.wire.Activations;
import a1.spec.wire.Message;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Fault injection for tests: a relay endpoint with its own identity that passes every request to an honest peer
 * and corrupts the activations of every RESULT on the way back. Production code has no such switch.
 */
public final class LyingRelay implements AutoCloseable {
    /** How the relay lies. */
    public enum Lie {
        /** Replaces the activations by Gaussian noise. */
        NOISE,
        /** Multiplies every value by 1.01: small enough to look plausible. */
        SCALE,
        /** Answers its first {@value #HONEST_CALLS} results honestly (so the audit of the prompt passes), then scales. */
        LATE;

        static final int HONEST_CALLS = 10;

        UnaryOperator<float[]> apply(Random random) {
            java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
            return switch (this) {
                case LATE -> v -> calls.incrementAndGet() <= HONEST_CALLS ? v : SCALE.apply(random).apply(v);
                case NOISE -> v -> {
                    float[] out = new float[v.length];
                    for (int i = 0; i < out.length; i++) out[i] = (float) random.nextGaussian();
                    return out;
                };
                case SCALE -> v -> {
                    float[] out = v.clone();
                    for (int i = 0; i < out.length; i++) out[i] *= 1.01f;
                    return out;
                };
            };
        }
    }

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final Channel channel;
    private final PeerIdentity self = PeerIdentity.generate();

    public LyingRelay(InetSocketAddress honest, Lie lie) throws InterruptedException {
        UnaryOperator<float[]> corrupt = lie.apply(new Random(1));
        RelayConfig config = RelayConfig.defaults();
        javax.net.ssl.SSLContext tls = Tls.context(self, null);
        channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class).childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                Pipelines.init(ch.pipeline(), Tls.acceptor(tls, config.handshakeTimeoutMillis()), self, config, ReceiveBudget.UNLIMITED, new Forwarder(honest, corrupt, config));
            }
        }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    /** One client connection: requests go, in order, over one connection to the honest peer. */
    private final class Forwarder extends SimpleChannelInboundHandler<Message> {
        private final ExecutorService worker = Executors.newSingleThreadExecutor();
        private final InetSocketAddress honest;
        private final UnaryOperator<float[]> corrupt;
        private final RelayConfig config;
        private PeerConnection upstream;

        Forwarder(InetSocketAddress honest, UnaryOperator<float[]> corrupt, RelayConfig config) {
            this.honest = honest;
            this.corrupt = corrupt;
            this.config = config;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Message m) {
            worker.execute(() -> {
                try {
                    if (upstream == null) upstream = PeerConnection.open(honest, null, self, config, 30_000);
                    if (m instanceof Message.Close) {
                        upstream.send(m);
                        return;
                    }
                    Message reply = upstream.call(m);
                    if (reply instanceof Message.Result r) {
                        Activations a = r.activations();
                        reply = new Message.Result(r.sessionId(), r.startPos(), new Activations(a.encoding(), a.tokens(), a.width(), corrupt.apply(a.values())));
                    }
                    ctx.writeAndFlush(reply);
                } catch (RelayException e) {
                    ctx.close();
                }
            });
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            worker.execute(() -> {
                if (upstream != null) upstream.close();
            });
            worker.shutdown();
        }
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    public PeerIdentity identity() {
        return self;
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
