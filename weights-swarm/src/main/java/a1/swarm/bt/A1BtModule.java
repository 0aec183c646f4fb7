package a1.swarm.bt;

import bt.data.ChunkVerifier;
import bt.data.DefaultChunkVerifier;
import bt.data.digest.SHA1Digester;
import bt.module.PeerConnectionSelector;
import bt.module.ProtocolModule;
import bt.module.ServiceModule;
import bt.net.SharedSelector;
import bt.net.buffer.IBufferManager;
import bt.net.pipeline.IBufferedPieceRegistry;
import bt.net.pipeline.IChannelPipelineFactory;
import bt.runtime.Config;
import bt.service.IRuntimeLifecycleBinder;
import bt.torrent.TorrentRegistry;
import bt.torrent.data.BlockCache;
import bt.torrent.data.DataWorker;
import bt.torrent.data.DefaultDataWorker;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Selector;
import java.util.BitSet;
import java.util.function.BiConsumer;

/** The Guice bindings A1 overrides in Bt; Guice stays inside this package. */
final class A1BtModule extends AbstractModule {
    private final DiscoveryPeerSourceFactory peers;
    private final PeerBans bans;
    private final BitSet trustedPieces;
    private final BiConsumer<String, String> onBan;
    private final Connections connections;
    private final long uploadLimit;
    private final BlockSenders senders = new BlockSenders();

    A1BtModule(DiscoveryPeerSourceFactory peers, PeerBans bans, BitSet trustedPieces, BiConsumer<String, String> onBan, Connections connections,
               long uploadLimit) {
        this.peers = peers;
        this.bans = bans;
        this.trustedPieces = trustedPieces;
        this.onBan = onBan;
        this.connections = connections;
        this.uploadLimit = uploadLimit;
    }

    @Override
    protected void configure() {
        ServiceModule.extend(binder()).addPeerSourceFactory(peers);
        ProtocolModule.extend(binder()).addHandshakeHandler(new BanGate(bans));
        bind(IBufferedPieceRegistry.class).toInstance(senders);
    }

    @Provides
    @Singleton
    @PeerConnectionSelector
    SharedSelector selector(IRuntimeLifecycleBinder lifecycle) throws IOException {
        SharedSelector selector = new DirectRegisterSelector(Selector.open());
        lifecycle.onShutdown("Shutdown selector", () -> {
            try {
                selector.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return selector;
    }

    @Provides
    @Singleton
    IChannelPipelineFactory pipelines(IBufferManager buffers) {
        return new SenderPipelines(buffers, senders);
    }

    @Provides
    @Singleton
    ChunkVerifier chunkVerifier(Config config) {
        return new TrustedChunkVerifier(new DefaultChunkVerifier(SHA1Digester.newDigester(config.getHashingBufferSize()),
                config.getNumOfHashingThreads()), trustedPieces);
    }

    @Provides
    @Singleton
    DataWorker dataWorker(IRuntimeLifecycleBinder lifecycle, TorrentRegistry registry, ChunkVerifier verifier, BlockCache cache, Config config) {
        return new GuardedDataWorker(new DefaultDataWorker(lifecycle, registry, verifier, cache, config), new PieceBlame<>(), senders, bans,
                onBan, uploadLimit == 0 ? null : new UploadPacer<>(uploadLimit, connections::open));
    }
}
