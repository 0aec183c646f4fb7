package a1.swarm;

import java.nio.file.Path;

/** Holds a model folder ({@link FolderLock}), prints "held", and keeps it until its stdin closes (for {@link FolderLockTest}). */
final class FolderHolder {
    public static void main(String[] args) throws Exception {
        try (FolderLock lock = FolderLock.acquire(Path.of(args[0]))) {
            System.out.println("held");
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the test to close our stdin
            }
        }
    }

    private FolderHolder() {}
}
