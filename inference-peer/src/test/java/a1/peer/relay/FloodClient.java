package a1.peer.relay;

import a1.spec.wire.ErrorCode;
import a1.spec.wire.Message;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * An abusive peer: a real, authenticated connection that writes requests as fast as the socket takes them, never
 * waiting for a reply, and counts the replies it gets (refusals as busy, everything else as served).
 */
final class FloodClient implements AutoCloseable {
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel channel;
    final AtomicLong sent = new AtomicLong();
    final AtomicLong busy = new AtomicLong();
    final AtomicLong served = new AtomicLong();

    FloodClient(PeerIdentity self, InetSocketAddress peer) throws Exception {
        CompletableFuture<Void> ready = new CompletableFuture<>();
        RelayConfig config = RelayConfig.defaults();
        channel = new Bootstrap().group(group).channel(NioSocketChannel.class).handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                Pipelines.init(ch.pipeline(), NettyDialer.tls(self, 5_000), self, config, ReceiveBudget.UNLIMITED, new SimpleChannelInboundHandler<Message>() {
                    @Override
                    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                        if (evt instanceof HandshakeHandler.Authenticated) ready.complete(null);
                    }

                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, Message m) {
                        if (m instanceof Message.Error e && e.kind() == ErrorCode.BUSY) busy.incrementAndGet();
                        else served.incrementAndGet();
                    }
                });
            }
        }).connect(peer).sync().channel();
        ready.get(10, TimeUnit.SECONDS);
    }

    /** Writes {@code request.apply(i)} for i = 0, 1, ... until {@code millis} pass, as fast as the socket drains. */
    void flood(LongFunction<Message> request, long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        for (long i = 0; System.nanoTime() < end && channel.isActive(); ) {
            if (!channel.isWritable()) {
                java.util.concurrent.locks.LockSupport.parkNanos(200_000); // the socket is full: wait for the peer to read
                continue;
            }
            channel.writeAndFlush(request.apply(i++));
            sent.incrementAndGet();
        }
    }

    boolean isOpen() {
        return channel.isActive();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
