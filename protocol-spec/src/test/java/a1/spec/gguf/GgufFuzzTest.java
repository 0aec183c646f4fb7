package a1.spec.gguf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import a1.spec.testdata.Refusals;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * Any bytes as a GGUF header (magic, metadata, tensor table): a GgufException naming the problem, or a header whose
 * metadata and tensor table survive a rewrite by {@link GgufWriter} and a reopen through the mmap path.
 */
class GgufFuzzTest {
    @FuzzTest
    @Timeout(10)
    void parsesOrRefuses(byte[] input) throws Exception {
        MemorySegment seg = MemorySegment.ofArray(input);
        GgufFile.GgufHeader header;
        try {
            header = GgufFile.GgufHeader.parse(seg, "fuzz.gguf");
        } catch (GgufException e) {
            Refusals.assertOneLine(e);
            return;
        }
        GgufWriter w = new GgufWriter().metadata(header.metadata());
        for (GgufTensorInfo t : header.tensors()) w.tensor(t.name(), t.type(), t.dims(), seg.asSlice(header.dataOffset() + t.offset(), t.byteSize()));
        Path file = Files.createTempFile("fuzz", ".gguf");
        try {
            w.write(file);
            try (GgufFile back = GgufFile.open(file)) {
                assertEquals(header.metadata().asMap(), back.metadata().asMap());
                assertEquals(shapes(header.tensors()), shapes(back.tensors()));
            }
        } finally {
            Files.delete(file);
        }
    }

    /** The tensor table without offsets, which the writer chooses itself. */
    private static List<String> shapes(List<GgufTensorInfo> tensors) {
        return tensors.stream().map(t -> t.name() + " " + t.type() + " " + java.util.Arrays.toString(t.dims())).toList();
    }
}
