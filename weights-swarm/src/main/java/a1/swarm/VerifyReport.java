package a1.swarm;

import a1.spec.manifest.ModelId;
import a1.spec.manifest.ShardEntry;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of {@link Verifier#verify}: shards that match, shards that are missing (normal after a layer-range
 * fetch), and bad shards with the reason. {@code torrentProblem} is set when all shards are present but do not
 * hash to the manifest's info-hash.
 */
public record VerifyReport(ModelId modelId, List<ShardEntry> good, List<ShardEntry> missing, List<Bad> bad, Optional<String> torrentProblem) {
    public record Bad(ShardEntry shard, String reason) {
        @Override
        public String toString() {
            return shard.file() + " (" + shard.label() + "): " + reason;
        }
    }

    public boolean ok() {
        return bad.isEmpty() && torrentProblem.isEmpty();
    }

    public boolean complete() {
        return ok() && missing.isEmpty();
    }
}
