package a1.peer.gossip;

import a1.peer.relay.RelayException;
import a1.peer.routing.PeerConnector;
import a1.spec.gossip.Announcement;
import a1.spec.gossip.PeerKey;
import a1.spec.manifest.InfoHash;
import a1.swarm.Discovery;
import a1.spec.wire.Message;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Push-pull gossip rounds: every period, put this node's fresh announcement (if it serves) into the state, then
 * send its live announcements (a random sample in a large swarm, {@link GossipRound#payload}) to a few bootstrap
 * addresses and random known peers and take theirs back. New
 * addresses come from the bootstrap list, from a {@link Discovery} (the DHT) when one is given, or {@link #addSeeds}.
 */
public final class GossipService implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(GossipService.class.getName());
    private static final int DISCOVERY_EVERY = 5;

    private final GossipState state;
    private final Supplier<Optional<Announcement>> self;
    private final PeerConnector connector;
    private final List<InetSocketAddress> seeds = Collections.synchronizedList(new ArrayList<>());
    private final Discovery discovery;
    private final InfoHash meetingKey;
    private int rounds;
    /** Whether this node has announced itself on the DHT since it started serving. */
    private boolean announcedServing;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gossip");
        t.setDaemon(true);
        return t;
    });

    public GossipService(GossipState state, Supplier<Optional<Announcement>> self, PeerConnector connector, List<InetSocketAddress> bootstrap) {
        this(state, self, connector, bootstrap, null);
    }

    /**
     * With a {@code discovery} (the DHT), a serving node announces its relay port under {@link PeerKey#forModel} at
     * its first serving round and then every {@value #DISCOVERY_EVERY} rounds, when every node also adds the peers
     * found there to its gossip seeds.
     */
    public GossipService(GossipState state, Supplier<Optional<Announcement>> self, PeerConnector connector, List<InetSocketAddress> bootstrap, Discovery discovery) {
        this.discovery = discovery;
        this.meetingKey = new InfoHash(PeerKey.forModel(state.modelId()));
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
        Optional<Announcement> mine = self.get();
        mine.ifPresent(state::offer);
        return message(mine);
    }

    private Message.Gossip message(Optional<Announcement> mine) {
        return new Message.Gossip(GossipRound.message(state.live(), state.encodedAccusations(), mine.orElse(null), ThreadLocalRandom.current()));
    }

    /** One round, now, on the caller's thread. */
    public void round() {
        Optional<Announcement> mine = self.get();
        mine.ifPresent(state::offer);
        // Also at once when the node starts serving, so that others find it in seconds and not only at the next period.
        boolean firstServing = mine.isPresent() && !announcedServing;
        if (discovery != null && (rounds++ % DISCOVERY_EVERY == 0 || firstServing)) {
            discover();
            announcedServing |= mine.isPresent();
        }
        String me = mine.map(Announcement::peerId).orElse(null);
        List<InetSocketAddress> seedList;
        synchronized (seeds) {
            seedList = List.copyOf(seeds);
        }
        GossipRound plan = GossipRound.plan(state, me, seedList, GossipRound.FANOUT, ThreadLocalRandom.current());
        for (InetSocketAddress t : plan.targets()) {
            try {
                Message reply = connector.once(t, null, message(mine));
                if (reply instanceof Message.Gossip g) for (byte[] a : g.announcements()) state.offer(a);
            } catch (RelayException e) {
                LOG.log(System.Logger.Level.DEBUG, "gossip with " + t + " failed: " + e.getMessage());
                plan.failed(state, t);
            }
        }
    }

    private void discover() {
        try {
            Optional<Announcement> me = self.get();
            if (me.isPresent()) discovery.announce(meetingKey, me.get().port());
            addSeeds(discovery.findPeers(meetingKey));
        } catch (java.io.IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "peer discovery failed: " + e.getMessage());
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
