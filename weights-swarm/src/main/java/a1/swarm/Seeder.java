package a1.swarm;

import a1.spec.manifest.ModelId;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Serves model folders to the swarm: publishes each signed manifest through discovery, announces the torrent and
 * re-announces it every {@code options.reannounce()} (DHT announcements expire). Only verified shards are served.
 */
public final class Seeder implements AutoCloseable {
    private final SwarmBackend backend;
    private final Discovery discovery;
    private final SwarmOptions options;
    private final List<Seeding> seedings = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService announcer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "a1-reannounce");
        t.setDaemon(true);
        return t;
    });

    /** One model being seeded. */
    public record Seeding(ModelId modelId, int port, SwarmSession session) {}

    public Seeder(SwarmBackend backend, Discovery discovery, SwarmOptions options) {
        this.backend = backend;
        this.discovery = discovery;
        this.options = options;
    }

    public Seeding seed(Path dir) throws IOException {
        ModelDir md;
        try (FolderLock lock = ModelDir.hold(dir)) {
            md = ModelDir.open(dir);
            md.reconcile();
        }
        SwarmJob job = new SwarmJob(md.manifest().infoHash(), md.metainfo(), md.manifest().pieceLength(), md.jobFiles(Set.of()),
                discovery, options, SwarmJob.Events.NONE);
        SwarmSession session = backend.open(job);
        try {
            discovery.publishManifest(md.signed().encode());
            discovery.announce(md.manifest().infoHash(), session.port());
        } catch (IOException e) {
            session.close();
            throw e;
        }
        long every = Math.max(1, options.reannounce().toSeconds());
        announcer.scheduleAtFixedRate(() -> {
            try {
                discovery.announce(md.manifest().infoHash(), session.port());
            } catch (IOException e) {
                // the next round retries; peers already connected keep downloading meanwhile
            }
        }, every, every, TimeUnit.SECONDS);
        Seeding s = new Seeding(md.id(), session.port(), session);
        seedings.add(s);
        return s;
    }

    /** Seeds {@code <store>/<model id>}. */
    public Seeding seed(Path store, ModelId id) throws IOException {
        return seed(ModelDir.inStore(store, id));
    }

    @Override
    public void close() {
        announcer.shutdownNow();
        for (Seeding s : seedings) s.session().close();
        seedings.clear();
    }
}
