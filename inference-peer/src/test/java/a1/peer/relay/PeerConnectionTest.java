package a1.peer.relay;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.spec.wire.Activations;
import a1.spec.wire.Encoding;
import a1.spec.wire.Message;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * The blocking client connection keeps its promises against a peer that misbehaves after the handshake: a request
 * that is not answered, or not even read, ends at the timeout; one the peer closes the connection on fails at once
 * as closed (what lets a session retry a stale connection).
 */
class PeerConnectionTest {
    private static final long TIMEOUT_MILLIS = 500;

    /** A peer that completes the handshake, then does {@code onRequest} with every request instead of answering. */
    private static final class Misbehaving implements AutoCloseable {
        final PeerIdentity identity = PeerIdentity.generate();
        private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        private final Channel channel;

        Misbehaving(boolean readNothing, BiConsumer<ChannelHandlerContext, Object> onRequest) throws InterruptedException {
            RelayConfig config = RelayConfig.defaults();
            javax.net.ssl.SSLContext tls = Tls.context(identity, null);
            channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class).childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    Pipelines.init(ch.pipeline(), Tls.acceptor(tls, config.handshakeTimeoutMillis()), identity, config, ReceiveBudget.UNLIMITED, new ChannelInboundHandlerAdapter() {
                        @Override
                        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                            if (evt instanceof HandshakeHandler.Authenticated && readNothing) ctx.channel().config().setAutoRead(false);
                        }

                        @Override
                        public void channelRead(ChannelHandlerContext ctx, Object msg) {
                            onRequest.accept(ctx, msg);
                        }
                    });
                }
            }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        }

        PeerConnection connect() throws RelayException {
            return PeerConnection.open((InetSocketAddress) channel.localAddress(), identity.hexId(), PeerIdentity.generate(), RelayConfig.defaults(), TIMEOUT_MILLIS);
        }

        @Override
        public void close() {
            channel.close().syncUninterruptibly();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static Message.Forward forward(int tokens, int width) {
        return new Message.Forward(1, 0, new Activations(Encoding.F32, tokens, width, new float[tokens * width]));
    }

    @Test
    void aRequestThatIsNeverAnsweredEndsAtTheTimeout() throws Exception {
        try (Misbehaving peer = new Misbehaving(false, (ctx, m) -> {}); PeerConnection c = peer.connect()) {
            long t0 = System.nanoTime();
            RelayException e = assertThrows(RelayException.class, () -> c.call(forward(1, 64)));
            long millis = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(e.getMessage().contains("did not answer FORWARD within " + TIMEOUT_MILLIS + " ms"), e.getMessage());
            assertTrue(millis >= TIMEOUT_MILLIS && millis < TIMEOUT_MILLIS + 2_000, millis + " ms");
            assertFalse(c.isOpen());
        }
    }

    @Test
    void aRequestThePeerDoesNotReadEndsAtTheTimeout() throws Exception {
        // 16 MB: more than the socket buffers hold while the peer reads nothing, so the write itself blocks.
        try (Misbehaving peer = new Misbehaving(true, (ctx, m) -> {}); PeerConnection c = peer.connect()) {
            long t0 = System.nanoTime();
            RelayException e = assertThrows(RelayException.class, () -> c.call(forward(1024, 4096)));
            long millis = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(e.getMessage().contains("did not answer FORWARD"), e.getMessage());
            assertTrue(millis < TIMEOUT_MILLIS + 2_000, millis + " ms");
        }
    }

    @Test
    void aConnectionThePeerClosedFailsAsClosedAtOnce() throws Exception {
        try (Misbehaving peer = new Misbehaving(false, (ctx, m) -> ctx.close()); PeerConnection c = peer.connect()) {
            long t0 = System.nanoTime();
            assertInstanceOf(ConnectionClosedException.class, assertThrows(RelayException.class, () -> c.call(forward(1, 64))));
            assertTrue(System.nanoTime() - t0 < TIMEOUT_MILLIS * 1_000_000, "failed before the timeout");
            assertFalse(c.isOpen());
            assertThrows(RelayException.class, () -> c.call(forward(1, 64)), "a closed connection refuses further calls");
        }
    }
}
