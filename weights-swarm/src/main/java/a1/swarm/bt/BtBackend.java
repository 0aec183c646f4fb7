package a1.swarm.bt;

import a1.swarm.SwarmBackend;
import a1.swarm.SwarmJob;
import a1.swarm.SwarmSession;
import a1.swarm.SwarmOptions;
import bt.Bt;
import bt.magnet.MagnetUri;
import bt.metainfo.IMetadataService;
import bt.metainfo.TorrentId;
import bt.runtime.BtClient;
import bt.runtime.BtRuntime;
import bt.runtime.Config;
import bt.torrent.fileselector.SelectionResult;
import bt.torrent.fileselector.TorrentFileSelector;
import bt.metainfo.TorrentFile;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@link SwarmBackend} on Bt 1.10: one Bt runtime per session, bound to the configured address (never Bt's default
 * of the first non-loopback one), no local service discovery, no peer exchange and no Bt DHT (A1 discovery feeds
 * peers), about 8 MiB of pieces in flight per peer ({@link #piecesInFlight}; Bt's default of 3 pieces moved 36 MB/s).
 * Pieces already inside verified shards are trusted at start instead of re-hashed.
 */
public final class BtBackend implements SwarmBackend {
    private static final long BYTES_IN_FLIGHT = 8 << 20;

    static {
        // Guice's bytecode generation touches sun.misc.Unsafe on JDK 25; reflection is enough for Bt's few objects.
        if (System.getProperty("guice_bytecode_gen_option") == null) System.setProperty("guice_bytecode_gen_option", "DISABLED");
    }

    /**
     * Pieces a connection may have requested at once: about {@link #BYTES_IN_FLIGHT}, at least 16. A fixed 16 kept
     * only 1 MiB in flight for the 64 KiB pieces of a model under 128 MiB, and a fetch of 100 MB from one seeder on
     * loopback moved 9-11 MB/s; with 8 MiB in flight, 53-62 MB/s (SwarmBenchmark, docs/PERFORMANCE.md, session 18).
     */
    static int piecesInFlight(long pieceLength) {
        return (int) Math.clamp(BYTES_IN_FLIGHT / pieceLength, 16, 256);
    }

    @Override
    public SwarmSession open(SwarmJob job) throws IOException {
        SwarmOptions o = job.options();
        int port = o.port() != 0 ? requireFree(o, o.port()) : freePort(o);
        InetSocketAddress self = new InetSocketAddress(o.bindAddress(), port);
        Config config = new Config();
        config.setAcceptorAddress(o.bindAddress());
        config.setAcceptorPort(port);
        config.setMaxSimultaneouslyAssignedPieces(piecesInFlight(job.pieceLength()));
        config.setNumOfHashingThreads(Math.max(1, Runtime.getRuntime().availableProcessors()));
        config.setPeerDiscoveryInterval(DiscoveryPeerSourceFactory.ASK_INTERVAL);
        // Message stream encryption only obfuscates (its keys are not authenticated); negotiating it cost Bt 3 s
        // per connection (three 1 s read waits). A1 verifies every byte by hash instead.
        config.setMseDisabled(true);
        config.setUnreachablePeerBanDuration(Duration.ofSeconds(5));
        config.setTimeoutedAssignmentPeerBanDuration(Duration.ofSeconds(5));
        Connections connections = new Connections();
        PeerBans bans = new PeerBans(connections);
        JobStorage storage = new JobStorage(job.files(), job.pieceLength());
        BtRuntime runtime = BtRuntime.builder(config)
                .disableLocalServiceDiscovery()
                .disablePeerExchange()
                .disableAutomaticShutdown()
                .module(new A1BtModule(new DiscoveryPeerSourceFactory(job.discovery(), bans, self, o.peerRefresh()), bans,
                        trustedPieces(job.files(), job.pieceLength()), job.events()::peerBanned, connections, o.uploadLimit()))
                .build();
        TorrentId torrentId = TorrentId.fromBytes(job.infoHash().bytes());
        Set<String> wanted = job.files().stream().filter(SwarmJob.File::wanted).map(SwarmJob.File::name).collect(Collectors.toSet());
        // Rarest-first in random order: Bt's sequential selector halved loopback throughput (35 vs 64 MB/s measured).
        var builder = Bt.client(runtime).storage(storage).randomizedRarestSelector().fileSelector(new TorrentFileSelector() {
            @Override
            protected SelectionResult select(TorrentFile file) {
                return wanted.contains(file.getPathElements().getLast()) ? SelectionResult.select().build() : SelectionResult.skip();
            }
        });
        if (job.metainfo().isPresent()) {
            byte[] metainfo = job.metainfo().get();
            builder.torrent(() -> runtime.service(IMetadataService.class).fromByteArray(metainfo));
        } else {
            builder.magnet(MagnetUri.torrentId(torrentId).buildUri())
                    .afterTorrentFetched(t -> job.events().torrentInfo(t.getSource().getExchangedMetadata()));
        }
        BtClient client = builder.build();
        BtSession session = new BtSession(runtime, client, storage, torrentId, port, connections);
        session.start();
        awaitListening(self, session);
        return session;
    }

    /** The pieces whose every byte lies in verified files (a piece spanning two files needs both verified). */
    static BitSet trustedPieces(List<SwarmJob.File> files, long pieceLength) {
        long total = files.stream().mapToLong(SwarmJob.File::size).sum();
        int pieces = (int) ((total + pieceLength - 1) / pieceLength);
        BitSet trusted = new BitSet(pieces);
        trusted.set(0, pieces);
        long offset = 0;
        for (SwarmJob.File f : files) {
            if (!f.verified() && f.size() > 0) trusted.clear((int) (offset / pieceLength), (int) ((offset + f.size() - 1) / pieceLength) + 1);
            offset += f.size();
        }
        return trusted;
    }

    private static int freePort(SwarmOptions o) throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, o.bindAddress())) {
            return s.getLocalPort();
        }
    }

    private static int requireFree(SwarmOptions o, int port) throws IOException {
        try (ServerSocket s = new ServerSocket(port, 1, o.bindAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IOException("port " + port + " on " + o.bindAddress().getHostAddress() + " is already in use");
        }
    }

    /** Bt does not report a failed bind, so connect to the port until it answers. */
    private static void awaitListening(InetSocketAddress self, BtSession session) throws IOException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(self, 200);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    session.close();
                    throw new IOException("the swarm engine did not start listening on " + self);
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while starting the swarm engine");
                }
            }
        }
    }
}
