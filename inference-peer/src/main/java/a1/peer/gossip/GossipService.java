package a1.peer.gossip;

import a1.peer.relay.RelayException;
import a1.peer.routing.PeerConnector;
import a1.peer.routing.PeerInfo;
import a1.spec.gossip.Announcement;
import a1.spec.wire.Message;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Push-pull gossip rounds: every period, put this node's fresh announcement (if it serves) into the state, then
 * send the live announcements to the bootstrap addresses and a few random known peers and take theirs back. New
 * addresses may come from outside (the DHT) through {@link #addSeeds}.
 */
public final class GossipService implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(GossipService.class.getName());
    private static final int FANOUT = 3;

    private final GossipState state;
    private final Supplier<Optional<Announcement>> self;
    private final PeerConnector connector;
    private final List<InetSocketAddress> seeds = Collections.synchronizedList(new ArrayList<>());
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gossip");
        t.setDaemon(true);
        return t;
    });

    public GossipService(GossipState state, Supplier<Optional<Announcement>> self, PeerConnector connector, List<InetSocketAddress> bootstrap) {
        this.state = state;
        this.self = self;
        this.connector = connector;
        this.seeds.addAll(bootstrap);
    }

    public void start(long periodMillis) {
        timer.scheduleWithFixedDelay(this::roundQuietly, 0, periodMillis, TimeUnit.MILLISECONDS);
    }

    public void addSeeds(List<InetSocketAddress> more) {
        for (InetSocketAddress a : more) if (!seeds.contains(a)) seeds.add(a);
    }

    /** The reply to a gossip message received by this node's server. */
    public Message.Gossip answer(Message.Gossip incoming) {
        for (byte[] a : incoming.announcements()) state.offer(a);
        self.get().ifPresent(state::offer);
        return new Message.Gossip(state.encoded());
    }

    /** One round, now, on the caller's thread. */
    public void round() {
        self.get().ifPresent(state::offer);
        String me = self.get().map(Announcement::peerId).orElse(null);
        List<PeerInfo> known = new ArrayList<>(state.peers().stream().filter(p -> !p.id().equals(me)).toList());
        Collections.shuffle(known);
        List<InetSocketAddress> targets = new ArrayList<>();
        synchronized (seeds) {
            targets.addAll(seeds);
        }
        for (PeerInfo p : known.subList(0, Math.min(FANOUT, known.size()))) if (!targets.contains(p.address())) targets.add(p.address());
        for (InetSocketAddress t : targets) {
            try {
                Message reply = connector.once(t, null, new Message.Gossip(state.encoded()));
                if (reply instanceof Message.Gossip g) for (byte[] a : g.announcements()) state.offer(a);
            } catch (RelayException e) {
                LOG.log(System.Logger.Level.DEBUG, "gossip with " + t + " failed: " + e.getMessage());
            }
        }
    }

    private void roundQuietly() {
        try {
            round();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "gossip round failed: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
