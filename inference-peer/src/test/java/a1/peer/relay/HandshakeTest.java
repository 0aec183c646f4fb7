package a1.peer.relay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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

/** The handshake admits a peer that signs our challenge with its key, and nobody else. */
class HandshakeTest {
    private final PeerIdentity server = PeerIdentity.generate();
    private final List<Object> events = new ArrayList<>();

    private EmbeddedChannel channel() {
        return new EmbeddedChannel(new HandshakeHandler(server, 5_000), new ChannelInboundHandlerAdapter() {
            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                events.add(evt);
            }
        });
    }

    @Test
    void aPeerThatSignsTheChallengeIsAuthenticated() {
        PeerIdentity client = PeerIdentity.generate();
        EmbeddedChannel ch = channel();
        Message.Hello serverHello = assertInstanceOf(Message.Hello.class, ch.readOutbound());
        ch.writeInbound(new Message.Hello(client.publicKey(), new byte[32]));
        assertInstanceOf(Message.Proof.class, ch.readOutbound());
        ch.writeInbound(new Message.Proof(client.sign(Handshake.transcript(serverHello.challenge(), client.id(), server.id()))));
        assertTrue(ch.isOpen());
        assertArrayEquals(client.id(), assertInstanceOf(HandshakeHandler.Authenticated.class, events.getFirst()).peerId());
        assertTrue(ch.pipeline().get(HandshakeHandler.class) == null, "the handshake handler left the pipeline");
    }

    @Test
    void aPeerClaimingAKeyItDoesNotHoldIsRefused() {
        PeerIdentity victim = PeerIdentity.generate();
        PeerIdentity impostor = PeerIdentity.generate();
        EmbeddedChannel ch = channel();
        Message.Hello serverHello = (Message.Hello) ch.readOutbound();
        ch.writeInbound(new Message.Hello(victim.publicKey(), new byte[32]));
        // Signed with the impostor's own key: a valid signature, but not by the key it claimed.
        ch.writeInbound(new Message.Proof(impostor.sign(Handshake.transcript(serverHello.challenge(), victim.id(), server.id()))));
        assertFalse(ch.isOpen());
        assertTrue(events.isEmpty());
    }

    @Test
    void aProofForAnotherChallengeOrVerifierIsRefused() {
        PeerIdentity client = PeerIdentity.generate();
        EmbeddedChannel ch = channel();
        ch.readOutbound();
        ch.writeInbound(new Message.Hello(client.publicKey(), new byte[32]));
        // A proof replayed from a connection to another peer: right key, wrong challenge and verifier.
        ch.writeInbound(new Message.Proof(client.sign(Handshake.transcript(new byte[32], client.id(), PeerIdentity.generate().id()))));
        assertFalse(ch.isOpen());
        assertTrue(events.isEmpty());
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
