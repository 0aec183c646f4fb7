package a1.peer.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a swarm session sent so far: the size of each batch (the prompt, then each token) and, for every hop boundary,
 * the activations of every batch that crossed it and the peer that produced them (null at the embedding). Failover
 * replays from it and audits compare against it.
 */
final class History {
    private record Entry(float[] x, String producer) {}

    private final List<Integer> batches = new ArrayList<>();
    private final Map<Integer, List<Entry>> crossed = new HashMap<>();

    /** Starts batch {@code n} tokens long; returns its index. */
    int add(int n) {
        batches.add(n);
        return batches.size() - 1;
    }

    int count() {
        return batches.size();
    }

    int size(int batch) {
        return batches.get(batch);
    }

    int position(int batch) {
        int pos = 0;
        for (int b = 0; b < batch; b++) pos += batches.get(b);
        return pos;
    }

    /** Keeps the activations of {@code batch} crossing {@code boundary}, once. */
    void record(int boundary, int batch, float[] x, String producer) {
        List<Entry> list = crossed.computeIfAbsent(boundary, k -> new ArrayList<>());
        if (list.size() == batch) list.add(new Entry(x.clone(), producer));
    }

    boolean has(int boundary, int batch) {
        List<Entry> list = crossed.get(boundary);
        return list != null && list.size() > batch;
    }

    float[] at(int boundary, int batch) {
        return crossed.get(boundary).get(batch).x();
    }

    String producer(int boundary, int batch) {
        return crossed.get(boundary).get(batch).producer();
    }
}
