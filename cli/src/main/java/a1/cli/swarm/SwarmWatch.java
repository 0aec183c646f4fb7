package a1.cli.swarm;

import a1.peer.gossip.GossipService;
import a1.peer.gossip.GossipState;
import a1.peer.gossip.SwarmView;
import a1.peer.relay.PeerIdentity;
import a1.peer.relay.RelayConfig;
import a1.peer.routing.PeerConnector;
import a1.peer.routing.PeerInfo;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What the inference swarm of a model looks like from here: peers found through the DHT under the model's meeting
 * key, then their signed gossip, checked as any gossip is. Each {@link #view} is one more gossip round.
 */
public final class SwarmWatch implements AutoCloseable {
    private final String modelId;
    private final int layers;
    private final GossipState state;
    private final PeerConnector connector = new PeerConnector(PeerIdentity.generate(), RelayConfig.defaults(), 5_000);
    private final GossipService gossip;

    public SwarmWatch(Network network, String modelId, int layers) {
        this.modelId = modelId;
        this.layers = layers;
        this.state = new GossipState(modelId, layers, 60_000, System::currentTimeMillis);
        this.gossip = new GossipService(state, Optional::empty, connector, List.of(), network.discovery());
    }

    /** One gossip round, then the peers known and the coverage of every layer. */
    public SwarmView view() {
        gossip.round();
        List<PeerInfo> peers = state.peers().stream().sorted(Comparator.comparingInt((PeerInfo p) -> p.range().start()).thenComparing(PeerInfo::id)).toList();
        return new SwarmView(modelId, layers, peers);
    }

    @Override
    public void close() {
        gossip.close();
        connector.close();
    }
}
