package a1.cli.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.cli.ExitCodes;
import a1.peer.relay.PeerIdentity;
import a1.spec.manifest.ModelId;
import a1.spec.sign.SignedManifest;
import a1.spec.testdata.SharedData;
import a1.swarm.ModelDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keygen, publish, verify and peer as a user runs them: files, permissions, what is printed and the exit codes. */
class SwarmCommandsTest {
    @TempDir
    Path tmp;

    @Test
    void keygenWritesAnOwnerOnlyFileAndRefusesToOverwriteIt() throws Exception {
        Path key = tmp.resolve("keys").resolve("me.key");
        CliRun first = CliRun.of("keygen", "--out", key.toString());
        assertEquals(ExitCodes.OK, first.exitCode(), first.err());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertTrue(first.lastLine().matches("public key [0-9a-f]{64}"), first.out());
        assertTrue(!first.out().contains(Files.readAllLines(key).get(1)), "the secret must never be printed");

        byte[] before = Files.readAllBytes(key);
        CliRun second = CliRun.of("keygen", "--out", key.toString());
        assertEquals(ExitCodes.FAILURE, second.exitCode());
        assertTrue(second.err().contains("already exists"), second.err());
        assertEquals(new String(before), new String(Files.readAllBytes(key)));
    }

    /** Publishes stories260K-q8_0 with a new key, {@code where} the folder goes; fails the test unless it worked. */
    private CliRun publishStories(String... where) throws Exception {
        Path key = tmp.resolve("k");
        assertEquals(0, CliRun.of("keygen", "--out", key.toString()).exitCode());
        List<String> args = new ArrayList<>(List.of("publish", SharedData.model("stories260K-q8_0.gguf").toString(), "--key", key.toString()));
        args.addAll(List.of(where));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        return run;
    }

    @Test
    void publishPrintsTheModelIdOfTheFolderAsItsLastLine() throws Exception {
        Path out = tmp.resolve("pub");
        CliRun run = publishStories("--out", out.toString());
        SignedManifest m = SignedManifest.decode(Files.readAllBytes(out.resolve(ModelDir.MANIFEST)));
        assertEquals(m.modelId(), ModelId.ofHex(run.lastLine()));
    }

    @Test
    void publishWithoutOutPutsTheFolderInTheStoreUnderItsId() throws Exception {
        Path store = tmp.resolve("store");
        CliRun run = publishStories("--store", store.toString());
        ModelId id = ModelId.ofHex(run.lastLine());
        assertEquals(id, ModelDir.open(store.resolve(id.hex())).id());
        try (var left = Files.list(store)) {
            assertEquals(1, left.count(), "no temporary folder is left behind");
        }
    }

    @Test
    void verifyExitsWithCode3NamingTheCorruptedShard() throws Exception {
        Path out = tmp.resolve("pub");
        publishStories("--out", out.toString());
        CliRun clean = CliRun.of("verify", out.toString());
        assertEquals(ExitCodes.OK, clean.exitCode(), clean.out() + clean.err());

        String victim = SignedManifest.decode(Files.readAllBytes(out.resolve(ModelDir.MANIFEST))).manifest().shards().get(2).file();
        byte[] bytes = Files.readAllBytes(out.resolve(victim));
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(out.resolve(victim), bytes);
        CliRun bad = CliRun.of("verify", out.toString());
        assertEquals(ExitCodes.VERIFICATION, bad.exitCode());
        assertTrue(bad.out().contains("BAD " + victim), bad.out());
        assertTrue(bad.err().contains(victim), bad.err());
    }

    @Test
    void verifyTakesTheIdOfAModelInTheStore() throws Exception {
        Path store = tmp.resolve("store");
        CliRun pub = publishStories("--store", store.toString());
        CliRun byId = CliRun.of("verify", pub.lastLine(), "--store", store.toString());
        assertEquals(ExitCodes.OK, byId.exitCode(), byId.out() + byId.err());
        assertTrue(byId.out().contains(pub.lastLine() + ": 8 good, 0 missing, 0 bad"), byId.out());
        CliRun neither = CliRun.of("verify", "stories", "--store", store.toString());
        assertEquals(ExitCodes.USAGE, neither.exitCode(), neither.err());
    }

    @Test
    void aHostNameAsBootstrapContactIsAUsageError() {
        CliRun run = CliRun.of("fetch", "0".repeat(64), "--bootstrap", "router.example:6881", "--bind", "127.0.0.1");
        assertEquals(ExitCodes.USAGE, run.exitCode(), run.err());
        assertTrue(run.err().contains("not an IP literal"), run.err());
    }

    @Test
    void aModelIdWithoutBootstrapSaysWhatToGive() {
        CliRun run = CliRun.of("generate", "--model", "ab".repeat(32), "-p", "Once");
        assertEquals(ExitCodes.USAGE, run.exitCode(), run.err());
        assertTrue(run.err().contains("give --bootstrap HOST:PORT (a DHT contact) or set bootstrap in config.toml"), run.err());
    }

    @Test
    void aModelThatIsNeitherAFileNorAnIdIsAUsageError() {
        CliRun run = CliRun.of("peer", "--model", "stories", "--bind", "127.0.0.1", "--bootstrap", "127.0.0.1:1");
        assertEquals(ExitCodes.USAGE, run.exitCode(), run.err());
        assertTrue(run.err().contains("stories is neither a GGUF file nor a model id (64 hex digits)"), run.err());
    }

    @Test
    void aPeerRefusesAKeyAnotherPeerHolds() throws Exception {
        Path key = tmp.resolve("held.key");
        PeerIdentity.claim(key).orElseThrow();
        CliRun run = CliRun.of("peer", "--model", SharedData.model("stories260K-q8_0.gguf").toString(), "--bind", "127.0.0.1", "--bootstrap", "127.0.0.1:1", "--key", key.toString());
        assertEquals(ExitCodes.USAGE, run.exitCode(), run.err());
        assertTrue(run.err().contains("key file " + key + " is held by another peer on this machine"), run.err());
    }

    @Test
    void aPeerOfABadLocalFileSaysSoBeforeItJoinsTheNetwork() throws Exception {
        Path gguf = tmp.resolve("truncated.gguf");
        Files.write(gguf, java.util.Arrays.copyOf(Files.readAllBytes(SharedData.model("stories260K-q8_0.gguf")), 100_000));
        // 127.0.0.1:1 answers nothing: had the peer joined the DHT first, the error would be about the bootstrap.
        CliRun run = CliRun.of("peer", "--model", gguf.toString(), "--bind", "127.0.0.1", "--bootstrap", "127.0.0.1:1", "--key", tmp.resolve("p.key").toString());
        assertEquals(ExitCodes.FAILURE, run.exitCode(), run.err());
        assertTrue(run.err().contains("truncated.gguf: truncated: tensor"), run.err());
    }

    @Test
    void aTakenDhtPortIsANetworkFailure() throws Exception {
        try (java.net.DatagramSocket taken = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            CliRun run = CliRun.of("dht", "--bind", "127.0.0.1", "--port", Integer.toString(taken.getLocalPort()));
            assertEquals(ExitCodes.NETWORK, run.exitCode(), run.err());
            assertTrue(run.err().contains("cannot bind UDP /127.0.0.1:" + taken.getLocalPort()), run.err());
        }
    }

    @Test
    void aPeerNamesTheFlagThatIsOutOfRange() {
        CliRun run = CliRun.of("peer", "--model", SharedData.model("stories260K-q8_0.gguf").toString(), "--bind", "127.0.0.1", "--bootstrap", "127.0.0.1:1", "--max-layers", "0");
        assertEquals(ExitCodes.USAGE, run.exitCode(), run.err());
        assertEquals("a1 peer: --max-layers must be at least 1, not 0", run.err().strip());
    }

    @Test
    void seedingAFolderThatIsNotAModelsFailsBeforeTheNetworkAndWritesNothing() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("not-a-model"));
        CliRun run = CliRun.of("seed", dir.toString(), "--bind", "127.0.0.1", "--bootstrap", "127.0.0.1:1");
        assertEquals(ExitCodes.FAILURE, run.exitCode(), run.err());
        assertEquals("a1 seed: " + dir + " is not an A1 model folder (no manifest.a1)", run.err().strip());
        try (var left = Files.list(dir)) {
            assertEquals(0, left.count());
        }
    }
}
