package dev.scalecheck.core;

/** How counted nouns read: "1 replica", "4 replicas", "1 migration", "0 checks". */
public final class Words {
    private Words() {
    }

    /** {@code count} and the noun, plural unless the count is 1 (nouns ending in s, x, ch or sh take "es"). */
    public static String count(long count, String noun) {
        return count + " " + (count == 1 ? noun : plural(noun));
    }

    public static String plural(String noun) {
        if (noun.endsWith("s") || noun.endsWith("x") || noun.endsWith("ch") || noun.endsWith("sh")) {
            return noun + "es";
        }
        return noun + "s";
    }
}
