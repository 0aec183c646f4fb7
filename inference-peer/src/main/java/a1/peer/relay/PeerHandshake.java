package a1.peer.relay;

import a1.spec.sign.Ed25519;
import a1.spec.wire.Handshake;
import a1.spec.wire.Message;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * One side of the relay's signed handshake, apart from any transport (the Netty {@link HandshakeHandler} of the
 * acceptor and the blocking {@link PeerConnection} of the dialer drive it): once TLS is up, send {@link #hello};
 * answer the other's Hello with a Proof over its challenge, both ids and the TLS channel binding; check the other's
 * Proof. The Hello key must be the key of the remote's TLS certificate.
 */
final class PeerHandshake {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PeerIdentity self;
    private final byte[] challenge = new byte[Message.CHALLENGE_BYTES];
    private TlsBinder.Bound tls;
    private byte[] remoteId;
    private boolean done;

    PeerHandshake(PeerIdentity self) {
        this.self = self;
        RANDOM.nextBytes(challenge);
    }

    /** TLS is up: this side's Hello, to send first. */
    Message.Hello hello(TlsBinder.Bound tls) {
        this.tls = tls;
        return new Message.Hello(self.publicKey(), challenge);
    }

    boolean started() {
        return tls != null;
    }

    /**
     * The message to send in answer to {@code m}, or null when {@code m} was the remote's valid Proof (then
     * {@link #remoteId} is proven).
     *
     * @throws RelayException when the remote is refused; the message says why
     */
    Message receive(Message m) throws RelayException {
        switch (m) {
            case Message.Hello h when tls != null && remoteId == null -> {
                if (!Arrays.equals(h.publicKey(), tls.peerKey())) throw new RelayException("its HELLO key is not the key of its TLS certificate");
                remoteId = Handshake.peerId(h.publicKey());
                return new Message.Proof(self.sign(Handshake.transcript(h.challenge(), self.id(), remoteId, tls.binding())));
            }
            case Message.Proof p when remoteId != null && !done -> {
                if (!Ed25519.verify(tls.peerKey(), Handshake.transcript(challenge, remoteId, self.id(), tls.binding()), p.signature())) {
                    throw new RelayException("its handshake proof does not verify for its key and this TLS connection (a man in the middle relaying it?)");
                }
                done = true;
                return null;
            }
            default -> throw new RelayException("it sent " + m.type() + " during the handshake");
        }
    }

    /** The remote's peer id, once its Proof verified. */
    byte[] remoteId() {
        if (!done) throw new IllegalStateException("the handshake is not finished");
        return remoteId;
    }
}
