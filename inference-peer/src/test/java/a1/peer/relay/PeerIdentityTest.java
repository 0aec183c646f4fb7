package a1.peer.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeerIdentityTest {
    @TempDir
    Path tmp;

    @Test
    void aClaimCreatesAnOwnerOnlyKeyAndHoldsIt() throws IOException {
        Path key = tmp.resolve("keys/peer.key");
        Optional<PeerIdentity> first = PeerIdentity.claim(key);
        assertTrue(first.isPresent());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertTrue(PeerIdentity.claim(key).isEmpty(), "a held key is not handed out twice");
        Optional<PeerIdentity> other = PeerIdentity.claim(tmp.resolve("keys/peer-2.key"));
        assertTrue(other.isPresent());
        assertNotEquals(first.get().hexId(), other.get().hexId());
    }

    @Test
    void anotherProcessCannotClaimAHeldKeyAndFindsTheSameIdOnceItIsFree() throws Exception {
        Path held = tmp.resolve("held.key");
        PeerIdentity mine = PeerIdentity.claim(held).orElseThrow();
        assertEquals("held", claimInChild(held));

        Path free = tmp.resolve("free.key");
        String childId = claimInChild(free);
        assertEquals(64, childId.length(), childId);
        // The child has exited, so its lock is gone: the key it created is there, with the id it had.
        assertEquals(childId, PeerIdentity.claim(free).orElseThrow().hexId());
        assertNotEquals(mine.hexId(), childId);
    }

    /** What {@link KeyClaimer} prints in a JVM of its own: the id it claimed, or "held". */
    private static String claimInChild(Path key) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), KeyClaimer.class.getName(), key.toString())).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child did not exit");
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
