package a1.swarm;

/** A running torrent session; closing it stops seeding and releases the port and files. */
public interface SwarmSession extends AutoCloseable {
    /** The TCP port peers connect to. */
    int port();

    SwarmStatus status();

    @Override
    void close();
}
