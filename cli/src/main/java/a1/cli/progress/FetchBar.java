package a1.cli.progress;

import a1.swarm.FetchProgress;
import a1.swarm.ProgressListener;

/**
 * A fetch's progress as a {@link ProgressBar} of verified bytes with the connected peers (the bar starts with the
 * first report, which carries the total); banned peers are reported on their own line, terminal or not.
 */
public final class FetchBar implements ProgressListener, AutoCloseable {
    private final String label;
    private ProgressBar bar;

    public FetchBar(String label) {
        this.label = label;
    }

    @Override
    public synchronized void progress(FetchProgress p) {
        if (bar == null) bar = ProgressBar.onStderr(label, p.wantedBytes(), ProgressBar.Unit.BYTES);
        bar.update(p.verifiedBytes(), p.peers() == 1 ? "1 peer" : p.peers() + " peers");
    }

    @Override
    public void peerBanned(String peer, String reason) {
        System.err.println((ProgressBar.isTerminal() ? "\r" : "") + "banned peer " + peer + ": " + reason);
    }

    @Override
    public synchronized void close() {
        if (bar != null) bar.close();
    }
}
