package a1.spec.manifest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.spec.Digests;
import a1.spec.gguf.GgufFile;
import a1.spec.gguf.GgufTensorInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every real GGUF splits into role-correct shards that re-assemble into the original file, byte for byte. */
class GgufShardingRoundTripTest {
    @TempDir
    Path tmp;

    static Stream<Path> files() {
        return SharedModels.all();
    }

    @ParameterizedTest
    @MethodSource("files")
    void shardsReassembleByteForByte(Path file) throws Exception {
        Path shards = Files.createDirectory(tmp.resolve("shards"));
        List<ShardEntry> entries;
        ModelInfo info;
        try (GgufFile g = GgufFile.open(file)) {
            entries = GgufSharder.write(g, shards);
            info = GgufSharder.info(g.metadata(), "x");
            for (GgufTensorInfo t : g.tensors()) assertTensorInItsShard(g, t, entries);
            assertEquals(g.tensors().stream().filter(t -> t.name().startsWith("blk.")).map(t -> t.name().split("\\.")[1]).distinct().count(),
                    entries.stream().filter(e -> e.role() == ShardRole.LAYER).count(), "one shard per layer");
        }
        for (ShardEntry e : entries) {
            assertEquals(e.size(), Files.size(shards.resolve(e.file())), e.file());
            assertArrayEquals(e.sha256(), Digests.sha256(shards.resolve(e.file())), e.file());
        }
        ModelManifest m = new ModelManifest(info, Files.size(file), Digests.sha256(file), "t", 1 << 16, new InfoHash(new byte[20]), new byte[32], entries);
        Path out = tmp.resolve("out.gguf");
        assertEquals(List.of(), ShardAssembler.assemble(m, shards, out));
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(out));
    }

    private static void assertTensorInItsShard(GgufFile g, GgufTensorInfo t, List<ShardEntry> entries) {
        String n = t.name();
        ShardRole role = n.startsWith("blk.") ? ShardRole.LAYER : n.startsWith("token_embd.") ? ShardRole.EMBEDDING
                : n.startsWith("output") ? ShardRole.HEAD : ShardRole.METADATA;
        int layer = role == ShardRole.LAYER ? Integer.parseInt(n.split("\\.")[1]) : -1;
        ShardEntry shard = entries.stream().filter(e -> e.role() == role && e.layer() == layer).findFirst().orElseThrow();
        long start = g.dataOffset() + t.offset();
        assertTrue(shard.extents().stream().anyMatch(e -> e.offset() <= start && start + t.byteSize() <= e.end()), n + " lies in " + shard.file());
    }
}
