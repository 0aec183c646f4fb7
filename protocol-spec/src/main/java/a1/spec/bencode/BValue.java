package a1.spec.bencode;

/** A decoded bencoded value: byte string, integer, list or dictionary. */
public sealed interface BValue permits BString, BInt, BList, BDict {
}
