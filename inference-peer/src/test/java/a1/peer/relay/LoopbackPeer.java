package a1.peer.relay;

import a1.peer.node.PeerNode;
import a1.peer.node.PeerOptions;
import a1.spec.model.LayerRange;
import a1.spec.testdata.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** A stories260K peer in this JVM on a loopback port, for tests of the relay endpoints. */
final class LoopbackPeer {
    static final Path MODEL = SharedData.model("stories260K-f32.gguf");

    static PeerNode start() throws IOException {
        return start(RelayConfig.defaults(), LayerRange.parse("0-4"));
    }

    static PeerNode start(RelayConfig relay, LayerRange range) throws IOException {
        PeerOptions o = PeerOptions.local(MODEL, PeerNode.localModelId(MODEL), range, List.of());
        return PeerNode.start(new PeerOptions(o.model(), o.modelId(), range, o.capacity(), o.identity(), relay, o.bind(), o.advertised(),
                o.bootstrap(), o.gossipEvery(), o.settle(), o.threshold(), o.threads()));
    }

    private LoopbackPeer() {}
}
