package a1.swarm.bt;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import bt.module.PeerConnectionSelector;
import bt.net.SharedSelector;
import bt.net.pipeline.IBufferedPieceRegistry;
import bt.net.pipeline.IChannelPipelineFactory;
import bt.runtime.BtRuntime;
import bt.runtime.Config;
import bt.torrent.data.DataWorker;
import com.google.inject.Key;
import java.net.InetSocketAddress;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

/** A1's overrides replace Bt's own services in a runtime built with the module (Guice would silently keep Bt's). */
class A1BtModuleTest {
    @Test
    void btRuntimeUsesA1sDataWorkerBlockRegistryPipelinesAndSelector() {
        Connections connections = new Connections();
        PeerBans bans = new PeerBans(connections);
        InetSocketAddress self = new InetSocketAddress("127.0.0.1", 1);
        A1BtModule module = new A1BtModule(new DiscoveryPeerSourceFactory(new NoDiscovery(), bans, self, java.time.Duration.ofSeconds(3)), bans, new BitSet(), (p, why) -> {}, connections, 0);
        BtRuntime runtime = BtRuntime.builder(new Config()).disableLocalServiceDiscovery().disablePeerExchange().disableAutomaticShutdown()
                .module(module).build();
        try {
            assertInstanceOf(GuardedDataWorker.class, runtime.service(DataWorker.class));
            assertInstanceOf(BlockSenders.class, runtime.service(IBufferedPieceRegistry.class));
            assertInstanceOf(SenderPipelines.class, runtime.service(IChannelPipelineFactory.class));
            assertInstanceOf(DirectRegisterSelector.class, runtime.getInjector().getInstance(Key.get(SharedSelector.class, PeerConnectionSelector.class)));
        } finally {
            runtime.shutdown();
        }
    }
}
