package a1.peer.relay;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslHandler;

/**
 * The one relay pipeline, for both ends: TLS, its channel binding, framing, the signed handshake, then the
 * application handler. Frames are limited to handshake size until the handshake succeeds.
 */
final class Pipelines {
    private static final System.Logger LOG = System.getLogger(Pipelines.class.getName());

    private Pipelines() {}

    static void init(ChannelPipeline p, SslHandler tls, PeerIdentity self, RelayConfig config, ReceiveBudget budget, ChannelHandler app) {
        FrameDecoder frames = new FrameDecoder(FrameDecoder.HANDSHAKE_MAX_PAYLOAD, budget);
        p.addLast("tls", tls);
        p.addLast("tls-binding", new TlsBinder());
        p.addLast("frame-decoder", frames);
        p.addLast("frame-encoder", new FrameEncoder());
        p.addLast("handshake", new HandshakeHandler(self, config.handshakeTimeoutMillis()));
        p.addLast("frame-limit", new ChannelInboundHandlerAdapter() {
            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                if (evt instanceof HandshakeHandler.Authenticated) {
                    frames.raiseLimit(config.maxPayload());
                    ctx.pipeline().remove(this);
                }
                ctx.fireUserEventTriggered(evt);
            }
        });
        p.addLast("app", app);
        p.addLast("errors", new ChannelInboundHandlerAdapter() {
            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                LOG.log(System.Logger.Level.WARNING, "closing connection with " + ctx.channel().remoteAddress() + ": " + TlsBinder.reason(cause));
                ctx.close();
            }
        });
    }
}
