package a1.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.peer.relay.PeerIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeerCommandTest {
    @TempDir
    Path tmp;

    @Test
    void aSecondPeerOnTheMachineTakesTheNextFreeDefaultKey() throws Exception {
        PeerIdentity first = PeerCommand.defaultIdentity(tmp);
        assertTrue(Files.exists(tmp.resolve("peer.key")));
        PeerIdentity second = PeerCommand.defaultIdentity(tmp);
        PeerIdentity third = PeerCommand.defaultIdentity(tmp);
        // Each held key is skipped; the ones made are those a restart finds again.
        assertTrue(Files.exists(tmp.resolve("peer-2.key")) && Files.exists(tmp.resolve("peer-3.key")));
        assertEquals(3, java.util.stream.Stream.of(first, second, third).map(PeerIdentity::hexId).distinct().count());
    }
}
