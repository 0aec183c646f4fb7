package a1.spec.gguf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.spec.testdata.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every real GGUF in ../shared parses, and re-writing it from what was parsed gives the same bytes. */
class GgufRoundTripTest {
    @TempDir
    Path tmp;

    static Stream<Path> files() {
        return SharedData.allGgufs();
    }

    @ParameterizedTest
    @MethodSource("files")
    void rewriteIsByteIdentical(Path file) throws Exception {
        Path copy = tmp.resolve("copy.gguf");
        try (GgufFile g = GgufFile.open(file)) {
            assertEquals(3, g.version());
            assertTrue(g.metadata().contains("general.architecture"));
            GgufWriter w = new GgufWriter().metadata(g.metadata());
            for (GgufTensorInfo t : g.tensors()) w.tensor(t.name(), t.type(), t.dims(), g.data(t));
            w.write(copy);
        }
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(copy), file.getFileName().toString());
    }
}
