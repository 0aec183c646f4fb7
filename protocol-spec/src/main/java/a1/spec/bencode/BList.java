package a1.spec.bencode;

import java.util.List;

/** A bencoded list. */
public record BList(List<BValue> items) implements BValue {

    public BList {
        items = List.copyOf(items);
    }
}
