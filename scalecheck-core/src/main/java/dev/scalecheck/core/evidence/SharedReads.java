package dev.scalecheck.core.evidence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reading every replica's token from the shared directory in one shell call: for each file a
 * header line {@code @@scalecheck ok|failed <file>}, then what {@code cat} printed (its error
 * when it failed). One call per reader instead of one per reader and file.
 */
final class SharedReads {
    static final String HEADER = "@@scalecheck ";
    private static final String SCRIPT = "d=$1; shift; for f; do "
            + "if c=$(cat -- \"$d/$f\" 2>&1); then s=ok; else s=failed; fi; "
            + "printf '" + HEADER + "%s %s\\n' \"$s\" \"$f\"; printf '%s\\n' \"$c\"; done";

    private SharedReads() {
    }

    /** What one content said: read, or cat's error. */
    record Content(boolean ok, String text) {}

    /** {@code sh -c SCRIPT read DIR FILE...}: the directory and the names go as arguments, never into the script. */
    static List<String> command(String dataDir, List<String> files) {
        List<String> command = new ArrayList<>(List.of("sh", "-c", SCRIPT, "read", dataDir));
        command.addAll(files);
        return command;
    }

    /** Each file's content by name, as the script printed them; a file it never got to is absent. */
    static Map<String, Content> parse(String output) {
        Map<String, Content> contents = new LinkedHashMap<>();
        String file = null;
        boolean ok = false;
        List<String> lines = new ArrayList<>();
        String[] all = output.split("\n", -1);
        for (int i = 0; i < all.length; i++) {
            String line = all[i];
            if (line.startsWith(HEADER)) {
                if (file != null) {
                    contents.put(file, new Content(ok, String.join("\n", lines)));
                }
                String[] parts = line.substring(HEADER.length()).split(" ", 2);
                ok = parts[0].equals("ok");
                file = parts.length > 1 ? parts[1] : "";
                lines.clear();
            } else if (file != null && !(i == all.length - 1 && line.isEmpty())) {
                // the last element after the output's final line break is not content
                lines.add(line);
            }
        }
        if (file != null) {
            contents.put(file, new Content(ok, String.join("\n", lines)));
        }
        return contents;
    }
}
