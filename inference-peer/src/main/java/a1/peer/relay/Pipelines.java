package a1.peer.relay;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;

/** The one relay pipeline, for both ends: framing, handshake, then the application handler. */
final class Pipelines {
    private static final System.Logger LOG = System.getLogger(Pipelines.class.getName());

    private Pipelines() {}

    static void init(ChannelPipeline p, PeerIdentity self, RelayConfig config, ChannelHandler app) {
        p.addLast("frame-decoder", new FrameDecoder(config.maxPayload()));
        p.addLast("frame-encoder", new FrameEncoder());
        p.addLast("handshake", new HandshakeHandler(self, config.handshakeTimeoutMillis()));
        p.addLast("app", app);
        p.addLast("errors", new ChannelInboundHandlerAdapter() {
            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                Throwable root = cause;
                while (root.getCause() != null) root = root.getCause();
                LOG.log(System.Logger.Level.WARNING, "closing connection with " + ctx.channel().remoteAddress() + ": " + root.getMessage());
                ctx.close();
            }
        });
    }
}
