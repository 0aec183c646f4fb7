package a1.swarm;

import a1.spec.manifest.ModelId;
import a1.spec.manifest.ShardEntry;
import a1.spec.model.LayerRange;
import a1.swarm.bt.BtBackend;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One swarm process for the multi-process tests. {@code seed DISCOVERY DIR UPLOAD_LIMIT} prints {@code SEEDING port}
 * and serves until killed; {@code fetch DISCOVERY MODEL_ID OUT [A-B]} prints {@code VERIFIED file},
 * {@code PROGRESS received-bytes}, {@code BANNED peer} and finally {@code DONE received=<bytes> banned=<peers>}, or {@code ERROR message}.
 */
public final class SwarmNode {
    public static void main(String[] args) throws Exception {
        FileDiscovery discovery = new FileDiscovery(Path.of(args[1]));
        SwarmOptions options = SwarmOptions.loopback().withStallTimeout(Duration.ofSeconds(30));
        try {
            switch (args[0]) {
                case "seed" -> {
                    Seeder seeder = new Seeder(new BtBackend(), discovery, options.withUploadLimit(Long.parseLong(args[3])));
                    Seeder.Seeding s = seeder.seed(Path.of(args[2]));
                    System.out.println("SEEDING " + s.port());
                    Thread.sleep(Long.MAX_VALUE);
                }
                case "fetch" -> {
                    ShardSelection sel = args.length > 4 ? ShardSelection.layers(LayerRange.parse(args[4])) : ShardSelection.all();
                    FetchResult r = new Fetcher(new BtBackend(), discovery, options).fetch(ModelId.ofHex(args[2]), sel, Path.of(args[3]),
                            new ProgressListener() {
                                @Override
                                public void progress(FetchProgress p) {
                                    System.out.println("PROGRESS " + p.receivedBytes());
                                }

                                @Override
                                public void shardVerified(ShardEntry shard) {
                                    System.out.println("VERIFIED " + shard.file());
                                }

                                @Override
                                public void peerBanned(String peer, String reason) {
                                    System.out.println("BANNED " + peer + " " + reason);
                                }
                            });
                    System.out.println("DONE received=" + r.receivedBytes() + " banned=" + String.join(",", r.bannedPeers()));
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException("unknown command " + args[0]);
            }
        } catch (Exception e) {
            System.out.println("ERROR " + e);
            System.exit(1);
        }
    }

    private SwarmNode() {}
}
