package a1.cli.swarm;

import a1.cli.options.NetworkOptions;
import a1.cli.progress.FetchBar;
import a1.dht.DhtNode;
import a1.spec.manifest.ManifestException;
import a1.spec.manifest.ModelId;
import a1.spec.sign.SignedManifest;
import a1.swarm.FetchResult;
import a1.swarm.Fetcher;
import a1.swarm.ShardSelection;
import a1.swarm.SwarmOptions;
import a1.swarm.bt.BtBackend;
import a1.swarm.dht.DhtDiscovery;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.nio.file.Path;

/**
 * This process's place in the network: a DHT node joined through {@code --bootstrap}, discovery over it (model
 * manifests, seeders, and the peers of a model under its meeting key), and fetching shards from the weights swarm.
 */
public final class Network implements AutoCloseable {
    private final DhtNode dht;
    private final DhtDiscovery discovery;
    private final SwarmOptions swarm;

    private Network(DhtNode dht, SwarmOptions swarm) {
        this.dht = dht;
        this.discovery = new DhtDiscovery(dht);
        this.swarm = swarm;
    }

    /** Joins the DHT on {@code port} (0: any); BitTorrent uses the same port. */
    public static Network join(NetworkOptions options, int port) throws IOException {
        return new Network(options.startDht(port), options.swarmOptions(port));
    }

    /** Joins the DHT through {@code contacts}, bound to {@code bind} on any free port. */
    public static Network join(InetAddress bind, List<InetSocketAddress> contacts) throws IOException {
        DhtNode node = NetworkOptions.join(DhtNode.start(bind, 0, contacts, NetworkOptions.configFor(contacts)), !contacts.isEmpty());
        return new Network(node, NetworkOptions.swarmOptions(bind, 0));
    }

    public DhtDiscovery discovery() {
        return discovery;
    }

    public InetSocketAddress dhtAddress() {
        return dht.localAddress();
    }

    public SwarmOptions swarmOptions() {
        return swarm;
    }

    /** The model's signed manifest from the DHT, its signature and id checked. */
    public SignedManifest manifest(ModelId id) throws IOException {
        byte[] bytes = discovery.resolveManifest(id).orElseThrow(() -> new ManifestException("no manifest found in the DHT for model " + id));
        return SignedManifest.decode(bytes, id);
    }

    /** Fetches and verifies the {@code selection} of the model into {@code dir}, with a progress bar named {@code label}. */
    public FetchResult fetch(ModelId id, ShardSelection selection, Path dir, String label) throws IOException {
        try (FetchBar bar = new FetchBar(label)) {
            return new Fetcher(new BtBackend(), discovery, swarm).fetch(id, selection, dir, bar);
        }
    }

    @Override
    public void close() {
        discovery.close();
        dht.close();
    }
}
