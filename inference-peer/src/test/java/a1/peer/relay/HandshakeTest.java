package a1.peer.relay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.spec.wire.Handshake;
import a1.spec.wire.Message;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The handshake admits a peer that signs our challenge and this TLS connection's binding with the key of its TLS
 * certificate, and nobody else.
 */
class HandshakeTest {
    private final PeerIdentity server = PeerIdentity.generate();
    private final PeerIdentity client = PeerIdentity.generate();
    private final byte[] binding = new byte[Handshake.BINDING_BYTES];
    private final List<Object> events = new ArrayList<>();

    {
        new java.util.Random(8).nextBytes(binding);
    }

    /** A server end whose TLS handshake is over: the client's certificate carried {@code certKey}. */
    private EmbeddedChannel channel(byte[] certKey) {
        EmbeddedChannel ch = new EmbeddedChannel(new HandshakeHandler(server, 5_000), new ChannelInboundHandlerAdapter() {
            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                events.add(evt);
            }
        });
        ch.pipeline().fireUserEventTriggered(new TlsBinder.Bound(certKey, binding));
        return ch;
    }

    /** Closed, with a reason and without ever reporting the remote as authenticated. */
    private void assertRefused(EmbeddedChannel ch) {
        assertFalse(ch.isOpen());
        assertEquals(1, events.size(), events.toString());
        assertFalse(assertInstanceOf(HandshakeHandler.Refused.class, events.getFirst()).reason().isEmpty());
    }

    private EmbeddedChannel channel() {
        return channel(client.publicKey());
    }

    @Test
    void aPeerThatSignsTheChallengeIsAuthenticated() {
        EmbeddedChannel ch = channel();
        Message.Hello serverHello = assertInstanceOf(Message.Hello.class, ch.readOutbound());
        ch.writeInbound(new Message.Hello(client.publicKey(), new byte[32]));
        assertInstanceOf(Message.Proof.class, ch.readOutbound());
        ch.writeInbound(new Message.Proof(client.sign(Handshake.transcript(serverHello.challenge(), client.id(), server.id(), binding))));
        assertTrue(ch.isOpen());
        assertArrayEquals(client.id(), assertInstanceOf(HandshakeHandler.Authenticated.class, events.getFirst()).peerId());
        assertTrue(ch.pipeline().get(HandshakeHandler.class) == null, "the handshake handler left the pipeline");
    }

    @Test
    void aPeerClaimingAKeyItDoesNotHoldIsRefused() {
        PeerIdentity victim = PeerIdentity.generate();
        PeerIdentity impostor = PeerIdentity.generate();
        EmbeddedChannel ch = channel(victim.publicKey());
        Message.Hello serverHello = (Message.Hello) ch.readOutbound();
        ch.writeInbound(new Message.Hello(victim.publicKey(), new byte[32]));
        // Signed with the impostor's own key: a valid signature, but not by the key it claimed.
        ch.writeInbound(new Message.Proof(impostor.sign(Handshake.transcript(serverHello.challenge(), victim.id(), server.id(), binding))));
        assertRefused(ch);
    }

    @Test
    void aProofForAnotherChallengeOrVerifierIsRefused() {
        EmbeddedChannel ch = channel();
        ch.readOutbound();
        ch.writeInbound(new Message.Hello(client.publicKey(), new byte[32]));
        // A proof replayed from a connection to another peer: right key, wrong challenge and verifier.
        ch.writeInbound(new Message.Proof(client.sign(Handshake.transcript(new byte[32], client.id(), PeerIdentity.generate().id(), binding))));
        assertRefused(ch);
    }

    @Test
    void aProofMadeForAnotherTlsConnectionIsRefused() {
        EmbeddedChannel ch = channel();
        Message.Hello serverHello = (Message.Hello) ch.readOutbound();
        ch.writeInbound(new Message.Hello(client.publicKey(), new byte[32]));
        // What a man in the middle who terminates TLS on both sides can forward: the client's proof over his own
        // connection with the client, whose channel binding differs from this connection's.
        byte[] otherBinding = binding.clone();
        otherBinding[0] ^= 1;
        ch.writeInbound(new Message.Proof(client.sign(Handshake.transcript(serverHello.challenge(), client.id(), server.id(), otherBinding))));
        assertRefused(ch);
    }

    @Test
    void aHelloKeyOtherThanTheCertificateKeyIsRefused() {
        EmbeddedChannel ch = channel(PeerIdentity.generate().publicKey());
        ch.readOutbound();
        ch.writeInbound(new Message.Hello(client.publicKey(), new byte[32]));
        assertRefused(ch);
    }

    @Test
    void nothingIsSentBeforeTls() {
        EmbeddedChannel ch = new EmbeddedChannel(new HandshakeHandler(server, 5_000));
        assertNull(ch.readOutbound());
        ch.writeInbound(new Message.Hello(client.publicKey(), new byte[32]));
        assertFalse(ch.isOpen(), "a HELLO before TLS is up is refused");
    }

    @Test
    void aRequestBeforeTheHandshakeClosesTheConnection() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(new Message.Close(1));
        assertFalse(ch.isOpen());
    }

    @Test
    void aClientRefusesAPeerWithAnotherIdThanExpected() throws Exception {
        try (var f = LoopbackPeer.start()) {
            String wrong = PeerIdentity.generate().hexId();
            try (var connector = new a1.peer.routing.PeerConnector(PeerIdentity.generate(), RelayConfig.defaults(), 5_000)) {
                RelayException e = assertThrows(RelayException.class, () -> connector.connect(new a1.peer.routing.PeerInfo(wrong, f.address(), f.range(), 0, 0)));
                assertTrue(e.getMessage().contains("expected " + wrong.substring(0, 8)), e.getMessage());
            }
        }
    }
}
