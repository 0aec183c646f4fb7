package a1.swarm;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lets one fetch, assembly or seeder start at a time change a model folder (its parts, shards and verified-shard
 * record), across processes and threads. A peer and a client on one machine share the default store: three threads
 * assembling one folder 100 times each failed 114 times before this lock, on each other's staging links and output.
 * An exclusive lock on {@code .a1/lock}, which the system drops when the process ends, however it ends; the threads of
 * one process queue on an in-process lock first, since a file lock belongs to the whole process.
 */
final class FolderLock implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(FolderLock.class.getName());
    private static final Map<Path, ReentrantLock> THREADS = new ConcurrentHashMap<>();

    private final ReentrantLock thread;
    private final FileChannel file;

    private FolderLock(ReentrantLock thread, FileChannel file) {
        this.thread = thread;
        this.file = file;
    }

    /**
     * Waits until this thread holds {@code dir}, an existing folder, saying so (once) when another process holds it.
     */
    static FolderLock acquire(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) throw new NoSuchFileException(dir.toString());
        Path state = Files.createDirectories(dir.resolve(ModelDir.STATE)).toRealPath();
        ReentrantLock thread = THREADS.computeIfAbsent(state, p -> new ReentrantLock());
        try {
            thread.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + dir);
        }
        FileChannel file = null;
        try {
            file = FileChannel.open(state.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            if (file.tryLock() == null) {
                LOG.log(System.Logger.Level.INFO, "waiting for another A1 process that is fetching into or assembling " + dir);
                file.lock();
            }
            return new FolderLock(thread, file);
        } catch (IOException | RuntimeException e) {
            if (file != null) file.close();
            thread.unlock();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            file.close();
        } finally {
            thread.unlock();
        }
    }
}
