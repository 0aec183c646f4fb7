package a1.swarm.bt;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.spec.manifest.InfoHash;
import a1.swarm.SwarmJob;
import a1.swarm.SwarmOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Bt would start without its acceptor when the port is taken; the backend refuses instead. */
class PortInUseTest {
    @Test
    void takenPortIsAClearError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            SwarmJob job = new SwarmJob(new InfoHash(new byte[20]), Optional.empty(), 1 << 16, List.of(), new NoDiscovery(),
                    SwarmOptions.loopback().withPort(taken.getLocalPort()), SwarmJob.Events.NONE);
            IOException e = assertThrows(IOException.class, () -> new BtBackend().open(job));
            assertTrue(e.getMessage().contains("port " + taken.getLocalPort()) && e.getMessage().contains("in use"), e.getMessage());
        }
    }
}
