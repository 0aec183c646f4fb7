package a1.swarm;

import a1.spec.manifest.ShardEntry;
import java.util.List;

/** What a fetch left in its folder: the wanted shards (all verified), bytes received in this run, peers banned. */
public record FetchResult(ModelDir dir, List<ShardEntry> shards, long receivedBytes, List<String> bannedPeers) {}
