package a1.cli;

import a1.cli.progress.ProgressBar;
import a1.peer.LocalModel;
import a1.spec.gguf.GgufFile;
import a1.spec.gguf.GgufTensorInfo;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;

/**
 * Opens a model and reads its weights into memory with a progress bar, as llama.cpp does while loading: the weights
 * are memory-mapped, so without this pass the first token would stall on disk reads with nothing on screen.
 */
public final class ModelLoader {
    private static final long PAGE = 4096;
    /** Where the page reads go, so the JIT cannot drop them. */
    private static volatile byte touched;

    private ModelLoader() {}

    public static LocalModel open(Path model, int threads) throws IOException {
        LocalModel m = LocalModel.open(model, threads);
        try (ProgressBar bar = ProgressBar.onStderr("loading " + model.getFileName(), weightBytes(m.gguf()), ProgressBar.Unit.BYTES)) {
            for (GgufTensorInfo t : m.gguf().tensors()) {
                MemorySegment data = m.gguf().data(t);
                byte sum = 0;
                for (long off = 0; off < data.byteSize(); off += PAGE) sum ^= data.get(ValueLayout.JAVA_BYTE, off);
                touched = sum;
                bar.add(data.byteSize());
            }
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
        return m;
    }

    private static long weightBytes(GgufFile gguf) {
        long n = 0;
        for (GgufTensorInfo t : gguf.tensors()) n += t.byteSize();
        return n;
    }
}
