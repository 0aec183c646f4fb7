package a1.peer.relay;

import a1.spec.sign.Ed25519;
import a1.spec.wire.Handshake;
import a1.spec.wire.Message;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Once TLS is up ({@link TlsBinder.Bound}), both sides send {@link Message.Hello} (key and fresh challenge), answer
 * the other's Hello with a {@link Message.Proof} over the challenge, both ids and the TLS channel binding, and check
 * the other's Proof. The Hello key must be the key of the remote's TLS certificate. When the proof checks, this
 * handler leaves the pipeline and fires {@link Authenticated}; anything else (a bad signature, another message, the
 * deadline passing, which covers TLS too) closes the connection.
 */
final class HandshakeHandler extends ChannelInboundHandlerAdapter {
    private static final System.Logger LOG = System.getLogger(HandshakeHandler.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    /** This side refused the other during the handshake, for {@code reason}; the connection is closing. */
    record Refused(String reason) {}

    /** The other side proved it holds the key of {@code peerId}. */
    record Authenticated(byte[] peerId) {
        String hex() {
            return HexFormat.of().formatHex(peerId);
        }
    }

    private final PeerIdentity self;
    private final long timeoutMillis;
    private final byte[] challenge = new byte[Message.CHALLENGE_BYTES];
    private TlsBinder.Bound tls;
    private byte[] remoteId;
    private ScheduledFuture<?> deadline;

    HandshakeHandler(PeerIdentity self, long timeoutMillis) {
        this.self = self;
        this.timeoutMillis = timeoutMillis;
        RANDOM.nextBytes(challenge);
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
        if (evt instanceof TlsBinder.Bound b && tls == null) {
            tls = b;
            ctx.writeAndFlush(new Message.Hello(self.publicKey(), challenge));
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        switch (msg) {
            case Message.Hello h when tls != null && remoteId == null -> {
                if (!Arrays.equals(h.publicKey(), tls.peerKey())) {
                    refuse(ctx, "its HELLO key is not the key of its TLS certificate");
                    return;
                }
                remoteId = Handshake.peerId(h.publicKey());
                ctx.writeAndFlush(new Message.Proof(self.sign(Handshake.transcript(h.challenge(), self.id(), remoteId, tls.binding()))));
            }
            case Message.Proof p when remoteId != null -> {
                if (!Ed25519.verify(tls.peerKey(), Handshake.transcript(challenge, remoteId, self.id(), tls.binding()), p.signature())) {
                    refuse(ctx, "its handshake proof does not verify for its key and this TLS connection (a man in the middle relaying it?)");
                    return;
                }
                deadline.cancel(false);
                ctx.pipeline().remove(this);
                ctx.fireUserEventTriggered(new Authenticated(remoteId));
            }
            default -> refuse(ctx, "it sent " + msg.getClass().getSimpleName() + " during the handshake");
        }
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
