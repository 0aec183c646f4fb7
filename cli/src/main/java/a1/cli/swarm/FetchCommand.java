package a1.cli.swarm;

import a1.cli.options.NetworkOptions;
import a1.cli.options.StoreOption;

import a1.cli.ExitCodes;
import a1.spec.manifest.ModelId;
import a1.swarm.FetchResult;
import a1.spec.model.LayerRange;
import a1.swarm.ShardSelection;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code a1 fetch}: finds a model's signed manifest and seeders in the DHT and downloads the shards it needs (all, or
 * a layer range with the embedding or head when the range touches them), each checked against the manifest.
 */
@Command(name = "fetch", mixinStandardHelpOptions = true, description = "Download a model (or a layer range of it) from the swarm, verifying every shard.")
public final class FetchCommand implements Callable<Integer> {
    @Parameters(paramLabel = "MODEL-ID", description = "64 hex digits, as printed by a1 publish.")
    String modelId;

    @Option(names = "--layers", paramLabel = "A-B", description = "Only layers A to B (inclusive), e.g. 0-15.")
    String layers;

    @Option(names = "--out", paramLabel = "DIR", description = "Model folder to fill (default: <store>/<model id>).")
    Path out;

    @Mixin
    NetworkOptions net;

    @Option(names = "--port", defaultValue = "0", description = "UDP (DHT) and TCP (BitTorrent) port; 0 picks free ones (default: ${DEFAULT-VALUE}).")
    int port;

    @Mixin
    StoreOption store;

    @Override
    public Integer call() throws Exception {
        ModelId id = ModelId.ofHex(modelId);
        ShardSelection selection = layers == null ? ShardSelection.all() : ShardSelection.layers(LayerRange.parse(layers));
        Path dir = out != null ? out : store.folderOf(id);
        FetchResult r;
        try (Network network = Network.join(net, port)) {
            r = network.fetch(id, selection, dir, "fetching " + id.hex().substring(0, 8));
        }
        System.out.printf("fetched %d shards (%.1f MB received)%s%n", r.shards().size(), r.receivedBytes() / 1e6,
                r.bannedPeers().isEmpty() ? "" : ", banned " + String.join(", ", r.bannedPeers()));
        System.out.println(dir);
        return ExitCodes.OK;
    }
}
