package a1.peer.relay;

import a1.spec.wire.WireCodec;
import java.time.Duration;

/**
 * Limits of a relay endpoint: largest frame payload, handshake deadline, and on a serving peer the most open
 * sessions, the bytes their KV caches may hold together, how long an idle session lives, and what each remote peer
 * may take of them ({@link PeerLimits}).
 */
public record RelayConfig(int maxPayload, long handshakeTimeoutMillis, int maxSessions, long kvBudgetBytes, Duration idleTimeout, PeerLimits perPeer) {
    public RelayConfig {
        if (maxPayload < 64 || handshakeTimeoutMillis <= 0 || maxSessions <= 0 || kvBudgetBytes <= 0 || idleTimeout.isNegative() || idleTimeout.isZero() || perPeer == null) {
            throw new IllegalArgumentException("relay limits must be positive");
        }
    }

    /** These server limits with the default per-peer limits. */
    public RelayConfig(int maxPayload, long handshakeTimeoutMillis, int maxSessions, long kvBudgetBytes, Duration idleTimeout) {
        this(maxPayload, handshakeTimeoutMillis, maxSessions, kvBudgetBytes, idleTimeout, PeerLimits.defaults());
    }

    public static RelayConfig defaults() {
        return new RelayConfig(WireCodec.DEFAULT_MAX_PAYLOAD, 10_000, 64, 2L << 30, Duration.ofMinutes(5));
    }

    public RelayConfig withPerPeer(PeerLimits limits) {
        return new RelayConfig(maxPayload, handshakeTimeoutMillis, maxSessions, kvBudgetBytes, idleTimeout, limits);
    }
}
