package a1.cli.swarm;

import a1.cli.options.NetworkOptions;
import a1.cli.options.StoreOption;
import a1.swarm.ModelDir;
import a1.swarm.Seeder;
import a1.swarm.bt.BtBackend;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code a1 seed}: serves a model folder's verified shards over BitTorrent, publishes its signed manifest in the DHT
 * and announces the torrent there, then keeps doing so until interrupted.
 */
@Command(name = "seed", mixinStandardHelpOptions = true, description = "Share a model folder (or a model in the store) through the DHT and BitTorrent.")
public final class SeedCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR|MODEL-ID", description = "A model folder, or the id of a model in the store.")
    String what;

    @Mixin
    NetworkOptions net;

    @Option(names = "--port", defaultValue = "0", description = "UDP (DHT) and TCP (BitTorrent) port; 0 picks free ones (default: ${DEFAULT-VALUE}).")
    int port;

    @Mixin
    StoreOption store;

    @Override
    public Integer call() throws Exception {
        Path dir = store.folder(what);
        ModelDir.open(dir); // a folder that is not a model's (or a model not in the store) fails here, before the network
        try (Network network = Network.join(net, port);
             Seeder seeder = new Seeder(new BtBackend(), network.discovery(), network.swarmOptions())) {
            Seeder.Seeding s = seeder.seed(dir);
            System.out.println("seeding " + s.modelId() + " on port " + s.port() + ", DHT " + network.dhtAddress().getAddress().getHostAddress() + ":" + network.dhtAddress().getPort());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE); // until the process is stopped; the OS closes its sockets
        }
        return 0;
    }
}
