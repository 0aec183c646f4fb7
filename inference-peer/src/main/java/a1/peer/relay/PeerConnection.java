package a1.peer.relay;

import a1.spec.wire.Message;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A client's authenticated connection to one serving peer. Requests are answered in order; {@link #call} sends one
 * and waits for its reply, so a caller keeps at most one request in flight per connection.
 */
public final class PeerConnection implements AutoCloseable {
    private final Channel channel;
    private final String peerId;
    private final long timeoutMillis;
    private final Object lock = new Object();
    private CompletableFuture<Message> pending;
    private volatile Throwable closedBy;

    private PeerConnection(Channel channel, String peerId, long timeoutMillis) {
        this.channel = channel;
        this.peerId = peerId;
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * Connects over TLS and completes the handshake; fails unless the peer proves the key of {@code expectedPeerId}
     * (hex), when one is given.
     */
    public static PeerConnection open(EventLoopGroup group, InetSocketAddress address, String expectedPeerId, PeerIdentity self,
                                      RelayConfig config, long requestTimeoutMillis) throws RelayException {
        CompletableFuture<String> authenticated = new CompletableFuture<>();
        CompletableFuture<PeerConnection> ready = new CompletableFuture<>();
        Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.handshakeTimeoutMillis())
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        Pipelines.init(ch.pipeline(), Tls.dialer(self, expectedPeerId, config.handshakeTimeoutMillis()), self, config, ReceiveBudget.UNLIMITED, new SimpleChannelInboundHandler<Message>() {
                            @Override
                            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                                if (evt instanceof HandshakeHandler.Authenticated a) authenticated.complete(a.hex());
                                if (evt instanceof HandshakeHandler.Refused r) authenticated.completeExceptionally(new RelayException("refused: " + r.reason()));
                                if (evt instanceof SslHandshakeCompletionEvent e && !e.isSuccess()) {
                                    authenticated.completeExceptionally(new RelayException("TLS: " + TlsBinder.reason(e.cause())));
                                }
                            }

                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, Message m) {
                                ready.thenAccept(c -> c.deliver(m));
                            }

                            @Override
                            public void channelInactive(ChannelHandlerContext ctx) {
                                authenticated.completeExceptionally(new RelayException("connection closed during the handshake"));
                                ready.thenAccept(c -> c.fail(new RelayException("connection to " + address + " closed")));
                            }
                        });
                    }
                });
        ChannelFuture f = b.connect(address);
        try {
            Channel ch = f.sync().channel();
            String id = authenticated.get(config.handshakeTimeoutMillis() + 1000, TimeUnit.MILLISECONDS);
            if (expectedPeerId != null && !expectedPeerId.equals(id)) {
                ch.close();
                throw new RelayException("peer at " + address + " proved id " + id.substring(0, 8) + ", expected " + expectedPeerId.substring(0, Math.min(8, expectedPeerId.length())));
            }
            PeerConnection c = new PeerConnection(ch, id, requestTimeoutMillis);
            ready.complete(c);
            if (!ch.isActive()) c.fail(new RelayException("connection to " + address + " closed"));
            return c;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.channel().close();
            throw new RelayException("interrupted while connecting to " + address);
        } catch (ExecutionException | TimeoutException e) {
            f.channel().close();
            throw new RelayException("handshake with " + address + " failed: " + (e.getCause() != null ? e.getCause().getMessage() : "timed out"));
        } catch (RelayException e) {
            throw e;
        } catch (Exception e) {
            f.channel().close();
            throw new RelayException("cannot connect to " + address + ": " + e.getMessage(), e);
        }
    }

    public String peerId() {
        return peerId;
    }

    public boolean isOpen() {
        return channel.isActive() && closedBy == null;
    }

    /** Sends {@code request} and returns the peer's reply (an {@link Message.Error} is returned, not thrown). */
    public Message call(Message request) throws RelayException {
        CompletableFuture<Message> reply = new CompletableFuture<>();
        synchronized (lock) {
            if (closedBy != null) throw new RelayException("connection to peer " + peerId.substring(0, 8) + " is closed");
            if (pending != null) throw new IllegalStateException("a request is already in flight on this connection");
            pending = reply;
        }
        channel.writeAndFlush(request);
        try {
            return reply.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            close();
            throw new RelayException("peer " + peerId.substring(0, 8) + " did not answer " + request.type() + " within " + timeoutMillis + " ms");
        } catch (ExecutionException e) {
            throw new RelayException("peer " + peerId.substring(0, 8) + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RelayException("interrupted while waiting for peer " + peerId.substring(0, 8));
        } finally {
            synchronized (lock) {
                if (pending == reply) pending = null;
            }
        }
    }

    /** Sends a message that has no reply. */
    public void send(Message m) {
        channel.writeAndFlush(m);
    }

    private void deliver(Message m) {
        CompletableFuture<Message> p;
        synchronized (lock) {
            p = pending;
            pending = null;
        }
        if (p != null) p.complete(m);
    }

    private void fail(Throwable t) {
        CompletableFuture<Message> p;
        synchronized (lock) {
            closedBy = t;
            p = pending;
            pending = null;
        }
        if (p != null) p.completeExceptionally(t);
    }

    @Override
    public void close() {
        fail(new RelayException("connection closed by this side"));
        channel.close();
    }

    @Override
    public String toString() {
        return "connection to peer " + peerId.substring(0, 8);
    }
}
