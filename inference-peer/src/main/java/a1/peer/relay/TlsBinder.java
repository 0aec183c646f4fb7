package a1.peer.relay;

import a1.spec.wire.Handshake;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.security.cert.CertificateException;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

/**
 * Turns a finished TLS handshake into a {@link Bound} event for {@link HandshakeHandler}: the remote's certificate
 * key and the connection's channel binding. Then it leaves the pipeline. A failed TLS handshake is logged with its
 * reason (the SslHandler closes the connection) and passed on, so a dialer can report why.
 */
final class TlsBinder extends ChannelInboundHandlerAdapter {
    private static final System.Logger LOG = System.getLogger(TlsBinder.class.getName());

    /** The TLS handshake finished: the remote proved the Ed25519 key {@code peerKey}; {@code binding} is this connection's exporter value. */
    record Bound(byte[] peerKey, byte[] binding) {}

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (!(evt instanceof SslHandshakeCompletionEvent done)) {
            ctx.fireUserEventTriggered(evt);
            return;
        }
        if (!done.isSuccess()) {
            LOG.log(System.Logger.Level.WARNING, "TLS handshake with " + ctx.channel().remoteAddress() + " failed: " + reason(done.cause()));
            ctx.fireUserEventTriggered(evt);
            return;
        }
        ctx.pipeline().remove(this);
        try {
            ctx.fireUserEventTriggered(bound(ctx.pipeline().get(SslHandler.class).engine().getSession()));
        } catch (SSLException | CertificateException e) {
            LOG.log(System.Logger.Level.WARNING, "closing " + ctx.channel().remoteAddress() + ": " + e.getMessage());
            ctx.close();
        }
    }

    /** What a finished TLS session proved: the remote's certificate key, and the session's channel binding. */
    static Bound bound(SSLSession s) throws SSLException, CertificateException {
        byte[] key = PeerCertificate.ed25519Key(s.getPeerCertificates()[0]);
        byte[] binding = ((ExtendedSSLSession) s).exportKeyingMaterialData(Handshake.EXPORTER_LABEL, new byte[0], Handshake.BINDING_BYTES);
        return new Bound(key, binding);
    }

    /**
     * The innermost message: JSSE wraps the trust manager's refusal, which says what was wrong. A connection closed
     * mid-handshake (a killed peer) has no message, only its type.
     */
    static String reason(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null) root = root.getCause();
        if (root instanceof java.nio.channels.ClosedChannelException) return "connection closed during the handshake";
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }
}
