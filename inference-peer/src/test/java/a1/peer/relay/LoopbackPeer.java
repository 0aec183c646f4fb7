package a1.peer.relay;

import a1.peer.node.PeerNode;
import a1.spec.model.LayerRange;
import a1.spec.testdata.SharedData;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;

/** A whole-model stories260K peer in this JVM on a loopback port, for tests of the relay endpoints. */
final class LoopbackPeer {
    static final Path MODEL = SharedData.model("stories260K-f32.gguf");

    static PeerNode start() throws IOException {
        return start(RelayConfig.defaults(), null);
    }

    static PeerNode start(RelayConfig config, LayerRange range) throws IOException {
        return PeerNode.start(MODEL, PeerNode.localModelId(MODEL), range, PeerIdentity.generate(), config, new InetSocketAddress("127.0.0.1", 0), 1);
    }

    private LoopbackPeer() {}
}
