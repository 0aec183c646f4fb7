package a1.spec.bencode;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A bencoded dictionary. Keys are byte strings held as ISO-8859-1 text (one char per byte), so the
 * map's natural order is the raw byte order bencoding requires.
 */
public record BDict(SortedMap<String, BValue> entries) implements BValue {

    public BDict {
        entries = Collections.unmodifiableSortedMap(new TreeMap<>(entries));
    }

    public static BDict of(Map<String, BValue> entries) {
        return new BDict(new TreeMap<>(entries));
    }

    public BValue get(String key) {
        return entries.get(key);
    }

    public boolean has(String key) {
        return entries.containsKey(key);
    }
}
