package a1.swarm.bt;

import bt.net.HandshakeHandler;
import bt.net.PeerConnection;
import bt.protocol.Handshake;

/** Refuses handshakes from banned peers, in both directions, and learns each peer's id for later bans. */
final class BanGate implements HandshakeHandler {
    private final PeerBans bans;

    BanGate(PeerBans bans) {
        this.bans = bans;
    }

    @Override
    public void processIncomingHandshake(PeerConnection connection, Handshake peerHandshake) {
        bans.sawHandshake(connection.getRemotePeer(), peerHandshake.getPeerId());
        if (bans.isBanned(connection.getRemotePeer(), peerHandshake.getPeerId())) connection.closeQuietly();
    }

    @Override
    public void processOutgoingHandshake(Handshake handshake) {
        // nothing to add to our own handshake
    }
}
