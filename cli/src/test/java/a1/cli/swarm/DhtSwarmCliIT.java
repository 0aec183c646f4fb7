package a1.cli.swarm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import a1.peer.LocalModel;
import a1.peer.forward.Session;
import a1.peer.generate.Generator;
import a1.peer.kv.KvType;
import a1.peer.sampling.Sampler;
import a1.spec.manifest.ShardEntry;
import a1.spec.manifest.ShardRole;
import a1.spec.sign.SignedManifest;
import a1.spec.testdata.SharedData;
import a1.swarm.Assembler;
import a1.swarm.ModelDir;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path through the real CLI in separate JVMs on loopback: a DHT bootstrap node ({@code a1 dht}), a publish,
 * three seeders (two of a folder, one of a model id in its store) and a fetcher that find the manifest and each other only through that DHT. A layer-range fetch gets
 * exactly its shards; a second, full fetch into the same folder completes it; the reassembled GGUF is the original
 * byte for byte and generates llama.cpp's greedy tokens.
 */
class DhtSwarmCliIT {
    private static final String MODEL = "stories260K-q8_0.gguf";

    @TempDir
    Path tmp;

    @Test
    void publishSeedAndFetchThroughTheDhtOnly() throws Exception {
        Path gguf = SharedData.model(MODEL);
        Path key = tmp.resolve("publisher.key");
        assertEquals(0, CliProcess.run(60, "keygen", "--out", key.toString()).exitCode());
        CliProcess.Finished pub = CliProcess.run(120, "publish", gguf.toString(), "--key", key.toString(), "--out", tmp.resolve("pub").toString());
        assertEquals(0, pub.exitCode(), pub.lines().toString());
        String id = pub.last();
        SignedManifest manifest = SignedManifest.decode(Files.readAllBytes(tmp.resolve("pub").resolve(ModelDir.MANIFEST)));
        assertEquals(manifest.modelId().hex(), id);

        List<CliProcess> processes = new ArrayList<>();
        try {
            CliProcess dht = start(processes, "dht", "--bind", "127.0.0.1", "--port", "0");
            String bootstrap = dht.await(l -> l.contains("listening on "), 60).replaceFirst(".*listening on ", "");
            for (int i = 0; i < 2; i++) {
                Path copy = copyFolder(tmp.resolve("pub"), tmp.resolve("seed" + i));
                start(processes, "seed", copy.toString(), "--bind", "127.0.0.1", "--bootstrap", bootstrap).await(l -> l.startsWith("seeding " + id), 90);
            }
            // The third seeds by model id, from its store (as a peer that fetched the model would).
            copyFolder(tmp.resolve("pub"), tmp.resolve("store").resolve(id));
            start(processes, "seed", id, "--store", tmp.resolve("store").toString(), "--bind", "127.0.0.1", "--bootstrap", bootstrap)
                    .await(l -> l.startsWith("seeding " + id), 90);
            Path out = tmp.resolve("fetched");
            CliProcess.Finished part = CliProcess.run(180, "fetch", id, "--layers", "0-1", "--out", out.toString(), "--bind", "127.0.0.1", "--bootstrap", bootstrap);
            assertEquals(0, part.exitCode(), part.lines().toString());
            Set<String> expected = manifest.manifest().shards().stream()
                    .filter(s -> s.role() == ShardRole.METADATA || s.role() == ShardRole.EMBEDDING || (s.role() == ShardRole.LAYER && s.layer() <= 1))
                    .map(ShardEntry::file).collect(Collectors.toSet());
            assertEquals(expected, shardFilesIn(out, manifest));
            assertEquals(0, CliProcess.run(60, "verify", out.toString()).exitCode());

            CliProcess.Finished full = CliProcess.run(180, "fetch", id, "--out", out.toString(), "--bind", "127.0.0.1", "--bootstrap", bootstrap);
            assertEquals(0, full.exitCode(), full.lines().toString());
            assertEquals(0, CliProcess.run(60, "verify", out.toString()).exitCode());
            Path assembled = Assembler.assemble(out, tmp.resolve("assembled.gguf"));
            assertArrayEquals(Files.readAllBytes(gguf), Files.readAllBytes(assembled));
            assertGeneratesGoldenTokens(assembled);
        } finally {
            for (CliProcess p : processes) p.close();
        }
    }

    private static CliProcess start(List<CliProcess> processes, String... args) throws Exception {
        CliProcess p = new CliProcess(args);
        processes.add(p);
        return p;
    }

    private static void assertGeneratesGoldenTokens(Path assembled) throws Exception {
        JsonNode golden = new ObjectMapper().readTree(SharedData.golden("stories260K-q8_0.json").toFile());
        JsonNode prompt = golden.get("prompts").get(0);
        int[] promptIds = ints(prompt.get("prompt_ids"));
        int[] expected = ints(prompt.get("generated_ids"));
        try (LocalModel model = LocalModel.open(assembled, 1); Session s = model.newSession(promptIds.length + expected.length + 8, KvType.F16)) {
            int[] got = Generator.generate(s, promptIds, expected.length, Sampler.greedy(), t -> false, t -> {}).tokens();
            assertArrayEquals(expected, got);
        }
    }

    private static int[] ints(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).mapToInt(JsonNode::asInt).toArray();
    }

    private static Set<String> shardFilesIn(Path dir, SignedManifest m) {
        return m.manifest().shards().stream().map(ShardEntry::file).filter(f -> Files.exists(dir.resolve(f))).collect(Collectors.toSet());
    }

    /** A model folder's manifest, torrent and shards (not its .a1 state), as another seeder would have them. */
    private static Path copyFolder(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) Files.copy(f, to.resolve(f.getFileName()));
        }
        return to;
    }
}
