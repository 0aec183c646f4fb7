package a1.peer.gossip;

import a1.peer.relay.RelayException;
import a1.peer.routing.PeerConnector;
import a1.peer.routing.PeerInfo;
import a1.spec.wire.Message;
import java.net.InetSocketAddress;
import java.util.Comparator;
import java.util.List;

/** A snapshot of a model's swarm as one peer's gossip state shows it: the peers, and each layer's coverage. */
public record SwarmView(String modelId, int layers, List<PeerInfo> peers) {
    /** One layer: how many peers serve it and their summed throughput (tokens/s). */
    public record Layer(int index, int peers, double throughput) {}

    /** Asks {@code bootstrap} for its gossip state; announcements are checked as any gossip is. */
    public static SwarmView query(PeerConnector connector, InetSocketAddress bootstrap, String modelId, int layers) throws RelayException {
        GossipState state = new GossipState(modelId, layers, Long.MAX_VALUE / 4, System::currentTimeMillis);
        Message reply = connector.once(bootstrap, null, new Message.Gossip(List.of()));
        if (!(reply instanceof Message.Gossip g)) throw new RelayException("peer at " + bootstrap + " answered gossip with " + reply.type());
        for (byte[] a : g.announcements()) state.offer(a);
        List<PeerInfo> peers = state.peers().stream().sorted(Comparator.comparingInt((PeerInfo p) -> p.range().start()).thenComparing(PeerInfo::id)).toList();
        int n = layers < Message.MAX_LAYERS ? layers : peers.stream().mapToInt(p -> p.range().end()).max().orElse(0);
        return new SwarmView(modelId, n, peers);
    }

    public List<Layer> coverage() {
        double[] t = LayerAssignment.perLayer(peers, layers);
        return java.util.stream.IntStream.range(0, layers)
                .mapToObj(l -> new Layer(l, (int) peers.stream().filter(p -> p.range().contains(l)).count(), t[l])).toList();
    }

    /** True when every layer has at least one peer. */
    public boolean complete() {
        return layers > 0 && coverage().stream().allMatch(l -> l.peers() > 0);
    }
}
