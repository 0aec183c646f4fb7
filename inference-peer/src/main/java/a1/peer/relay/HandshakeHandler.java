package a1.peer.relay;

import a1.spec.sign.Ed25519;
import a1.spec.wire.Handshake;
import a1.spec.wire.Message;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Both sides send {@link Message.Hello} (key and fresh challenge) as soon as the connection is up, answer the
 * other's Hello with a {@link Message.Proof}, and check the other's Proof. When it checks, this handler leaves the
 * pipeline and fires {@link Authenticated}; anything else (a bad signature, another message, the deadline passing)
 * closes the connection.
 */
final class HandshakeHandler extends ChannelInboundHandlerAdapter {
    private static final System.Logger LOG = System.getLogger(HandshakeHandler.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The other side proved it holds the key of {@code peerId}. */
    record Authenticated(byte[] peerId) {
        String hex() {
            return HexFormat.of().formatHex(peerId);
        }
    }

    private final PeerIdentity self;
    private final long timeoutMillis;
    private final byte[] challenge = new byte[Message.CHALLENGE_BYTES];
    private byte[] remoteKey;
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
        ctx.writeAndFlush(new Message.Hello(self.publicKey(), challenge));
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        switch (msg) {
            case Message.Hello h when remoteKey == null -> {
                remoteKey = h.publicKey();
                remoteId = Handshake.peerId(remoteKey);
                ctx.writeAndFlush(new Message.Proof(self.sign(Handshake.transcript(h.challenge(), self.id(), remoteId))));
            }
            case Message.Proof p when remoteKey != null -> {
                if (!Ed25519.verify(remoteKey, Handshake.transcript(challenge, remoteId, self.id()), p.signature())) {
                    refuse(ctx, "its handshake proof does not verify against the key it sent");
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
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (deadline != null) deadline.cancel(false);
        ctx.fireChannelInactive();
    }
}
