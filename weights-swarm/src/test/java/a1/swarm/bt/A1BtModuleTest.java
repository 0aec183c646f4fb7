package a1.swarm.bt;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import a1.spec.manifest.InfoHash;
import a1.swarm.Discovery;
import bt.net.pipeline.IBufferedPieceRegistry;
import bt.net.pipeline.IChannelPipelineFactory;
import bt.runtime.BtRuntime;
import bt.runtime.Config;
import bt.torrent.data.DataWorker;
import java.net.InetSocketAddress;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A1's overrides replace Bt's own services in a runtime built with the module (Guice would silently keep Bt's). */
class A1BtModuleTest {
    @Test
    void btRuntimeUsesA1sDataWorkerBlockRegistryAndPipelines() {
        PeerBans bans = new PeerBans();
        InetSocketAddress self = new InetSocketAddress("127.0.0.1", 1);
        A1BtModule module = new A1BtModule(new DiscoveryPeerSourceFactory(new NoDiscovery(), bans, self), bans, new BitSet(), (p, why) -> {}, 0);
        BtRuntime runtime = BtRuntime.builder(new Config()).disableLocalServiceDiscovery().disablePeerExchange().disableAutomaticShutdown()
                .module(module).build();
        try {
            assertInstanceOf(GuardedDataWorker.class, runtime.service(DataWorker.class));
            assertInstanceOf(BlockSenders.class, runtime.service(IBufferedPieceRegistry.class));
            assertInstanceOf(SenderPipelines.class, runtime.service(IChannelPipelineFactory.class));
        } finally {
            runtime.shutdown();
        }
    }

    private static final class NoDiscovery implements Discovery {
        @Override
        public void announce(InfoHash infoHash, int port) {}

        @Override
        public List<InetSocketAddress> findPeers(InfoHash infoHash) {
            return List.of();
        }

        @Override
        public void publishManifest(byte[] signedManifest) {}

        @Override
        public Optional<byte[]> resolveManifest(a1.spec.manifest.ModelId id) {
            return Optional.empty();
        }
    }
}
