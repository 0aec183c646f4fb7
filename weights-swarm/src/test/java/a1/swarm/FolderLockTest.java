package a1.swarm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.spec.manifest.ManifestException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Processes and threads that share a store take turns on a model folder, and every one of them gets a whole GGUF. */
class FolderLockTest {
    @TempDir
    Path tmp;
    private PublishedModel pub;
    private byte[] published;

    @BeforeEach
    void publish() throws Exception {
        Path gguf = TestModels.shared("stories260K-q8_0.gguf");
        pub = Publisher.publish(gguf, TestModels.newKey(tmp), tmp.resolve("pub"));
        published = Files.readAllBytes(gguf);
    }

    @Test
    void threadsAssemblingOneFolderAtOnceEachGetTheWholeModel() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Path>> runs = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                Path out = tmp.resolve("assembled-" + i + ".gguf");
                runs.add(pool.submit(() -> Assembler.assemble(pub.dir(), out)));
            }
            for (Future<Path> run : runs) assertArrayEquals(published, Files.readAllBytes(run.get(60, TimeUnit.SECONDS)));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anAssemblyWaitsForTheProcessThatHoldsTheFolder() throws Exception {
        Process holder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp", System.getProperty("java.class.path"),
                FolderHolder.class.getName(), pub.dir().toString()).redirectErrorStream(true).start();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("held", lines.readLine());
            ExecutorService one = Executors.newSingleThreadExecutor();
            try {
                Future<Path> run = one.submit(() -> Assembler.assemble(pub.dir(), tmp.resolve("assembled.gguf")));
                Thread.sleep(1_000);
                assertFalse(run.isDone(), "the assembly did not wait for the holder");
                holder.getOutputStream().close(); // the holder exits, and the system drops its lock
                assertArrayEquals(published, Files.readAllBytes(run.get(60, TimeUnit.SECONDS)));
            } finally {
                one.shutdownNow();
            }
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
        } finally {
            holder.destroyForcibly();
        }
    }

    @Test
    void aFolderThatIsNotAModelsIsLeftAsItWas() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThrows(ManifestException.class, () -> Assembler.assemble(empty, tmp.resolve("x.gguf")));
        assertFalse(Files.exists(empty.resolve(ModelDir.STATE)), "no state folder made in a folder that is not a model's");
        Path missing = tmp.resolve("missing");
        assertThrows(ManifestException.class, () -> Assembler.assemble(missing, tmp.resolve("y.gguf")));
        assertFalse(Files.exists(missing));
    }
}
