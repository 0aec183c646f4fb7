package a1.swarm.dht;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the seed corpus of {@link ManifestItemsFuzzTest} with {@link ManifestTree#build}: the index item and the
 * root interior node of a three-leaf manifest tree. Run from the module directory:
 * {@code java -cp target/classes:target/test-classes:<deps> a1.swarm.dht.FuzzSeeds src/test/resources}.
 */
public final class FuzzSeeds {
    private FuzzSeeds() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]).resolve("a1/swarm/dht/ManifestItemsFuzzTestInputs/decodesOrRefuses");
        Files.createDirectories(dir);
        ManifestTree.Built tree = ManifestTree.build(new byte[3 * ManifestTree.LEAF_BYTES - 1]);
        List<byte[]> items = tree.items();
        Files.write(dir.resolve("index"), tree.index().encode());
        Files.write(dir.resolve("interior"), items.getLast());
    }
}
