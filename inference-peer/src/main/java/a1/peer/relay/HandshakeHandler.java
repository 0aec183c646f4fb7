package a1.peer.relay;

import a1.spec.wire.Message;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.HexFormat;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The Netty end of {@link PeerHandshake}: once TLS is up ({@link TlsBinder.Bound}) it sends this side's Hello and
 * answers the other's messages. When the other's proof checks, this handler leaves the pipeline and fires
 * {@link Authenticated}; anything else (a bad signature, another message, the deadline passing, which covers TLS
 * too) closes the connection.
 */
final class HandshakeHandler extends ChannelInboundHandlerAdapter {
    private static final System.Logger LOG = System.getLogger(HandshakeHandler.class.getName());

    /** This side refused the other during the handshake, for {@code reason}; the connection is closing. */
    record Refused(String reason) {}

    /** The other side proved it holds the key of {@code peerId}. */
    record Authenticated(byte[] peerId) {
        String hex() {
            return HexFormat.of().formatHex(peerId);
        }
    }

    private final PeerHandshake handshake;
    private final long timeoutMillis;
    private ScheduledFuture<?> deadline;

    HandshakeHandler(PeerIdentity self, long timeoutMillis) {
        this.handshake = new PeerHandshake(self);
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        deadline = ctx.executor().schedule(() -> {
            LOG.log(System.Logger.Level.WARNING, "closing " + ctx.channel().remoteAddress() + ": handshake not finished within " + timeoutMillis + " ms");
            ctx.close();
        }, timeoutMillis, TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof TlsBinder.Bound b && !handshake.started()) {
            ctx.writeAndFlush(handshake.hello(b));
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Message m)) {
            refuse(ctx, "it sent " + msg.getClass().getSimpleName() + " during the handshake");
            return;
        }
        Message reply;
        try {
            reply = handshake.receive(m);
        } catch (RelayException e) {
            refuse(ctx, e.getMessage());
            return;
        }
        if (reply != null) {
            ctx.writeAndFlush(reply);
            return;
        }
        deadline.cancel(false);
        ctx.pipeline().remove(this);
        ctx.fireUserEventTriggered(new Authenticated(handshake.remoteId()));
    }

    private void refuse(ChannelHandlerContext ctx, String why) {
        LOG.log(System.Logger.Level.WARNING, "closing " + ctx.channel().remoteAddress() + ": " + why);
        if (deadline != null) deadline.cancel(false);
        ctx.fireUserEventTriggered(new Refused(why));
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (deadline != null) deadline.cancel(false);
        ctx.fireChannelInactive();
    }
}
