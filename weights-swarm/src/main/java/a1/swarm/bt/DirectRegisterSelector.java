package a1.swarm.bt;

import bt.net.SharedSelector;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.Selector;

/**
 * Bt 1.10's connection selector with a registration that cannot starve. Bt's own spins on a lock that its receive
 * loop takes again for the next select within microseconds; on a loaded two-core machine a new connection's
 * registration waited for seconds, past the 30 s handshake timeout (fetches "stalled ... from 0 peers" in
 * KilledFetchIT, with the seeder's log showing the incoming handshake timing out). Bt fixed it after 1.10
 * (atomashpolskiy/bt#252), in no release. Since Java 11 a channel may register while a select is in progress, so
 * registering and then waking the selector (so the new key is selected from the next round on) needs no lock.
 */
final class DirectRegisterSelector extends SharedSelector {
    private final Selector delegate;

    DirectRegisterSelector(Selector delegate) {
        super(delegate);
        this.delegate = delegate;
    }

    @Override
    public void wakeupAndRegister(SelectableChannel channel, int ops, Object attachment) {
        try {
            channel.register(delegate, ops, attachment);
        } catch (ClosedChannelException e) {
            throw new IllegalStateException("channel closed before it was registered", e);
        }
        delegate.wakeup();
    }
}
