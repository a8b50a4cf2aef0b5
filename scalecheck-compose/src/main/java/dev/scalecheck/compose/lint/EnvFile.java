package dev.scalecheck.compose.lint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * An env file as compose reads it, for the project ({@code .env}) and for a service
 * ({@code env_file}): one {@code KEY=value} a line ({@code export } and {@code KEY: value}
 * accepted), {@code #} comments, a bare {@code KEY} taken from the variables; values unquoted
 * (cut at {@code " #"}), single-quoted (literal) or double-quoted ({@code \n}-style escapes),
 * the unquoted and double-quoted ones interpolated with the file's earlier keys, then the
 * variables. Quoted values spanning lines are not read.
 */
final class EnvFile {
    private EnvFile() {
    }

    /**
     * @param variables what a bare KEY or a {@code ${VAR}} in a value falls back to
     * @throws IllegalArgumentException naming the file and line when it cannot be read or parsed
     */
    static Map<String, String> read(Path file, Function<String, Optional<String>> variables) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " cannot be read: " + e.getMessage());
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ") || line.startsWith("export\t")) {
                line = line.substring("export".length()).strip();
            }
            int separator = firstOf(line, '=', ':');
            String key = (separator < 0 ? line : line.substring(0, separator)).strip();
            if (key.isEmpty() || !key.matches("[\\p{L}\\p{N}_.\\-\\[\\]]+")) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": '" + key + "' is not a variable name; "
                        + "expected KEY=value");
            }
            if (separator < 0) {
                variables.apply(key).ifPresent(value -> values.put(key, value));
                continue;
            }
            values.put(key, value(line.substring(separator + 1).stripLeading(), file, i + 1, values, variables));
        }
        return values;
    }

    private static String value(String raw, Path file, int line, Map<String, String> earlier,
            Function<String, Optional<String>> variables) {
        ComposeInterpolation withVariables = ComposeInterpolation.with(
                name -> Optional.ofNullable(earlier.get(name)).or(() -> variables.apply(name)));
        if (raw.startsWith("'") || raw.startsWith("\"")) {
            char quote = raw.charAt(0);
            StringBuilder value = new StringBuilder();
            for (int i = 1; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (c == quote) {
                    return quote == '"' ? withVariables.interpolate(value.toString()).value() : value.toString();
                }
                if (c == '\\' && i + 1 < raw.length()) {
                    char next = raw.charAt(++i);
                    value.append(next == quote ? String.valueOf(quote) : quote == '\'' ? "\\" + next : unescape(next));
                    continue;
                }
                value.append(c);
            }
            throw new IllegalArgumentException(file + " line " + line + ": the value " + raw + " has no closing " + quote
                    + " (a value spanning lines is not read)");
        }
        int comment = raw.indexOf(" #");
        String value = (comment < 0 ? raw : raw.substring(0, comment)).stripTrailing();
        return withVariables.interpolate(value).value();
    }

    /** A backslash escape inside double quotes; {@code \$} stays a literal {@code $}. */
    private static String unescape(char c) {
        return switch (c) {
            case 'n' -> "\n";
            case 'r' -> "\r";
            case 't' -> "\t";
            case '\\' -> "\\";
            case '$' -> "$$";
            default -> "\\" + c;
        };
    }

    private static int firstOf(String text, char a, char b) {
        int first = text.indexOf(a);
        int second = text.indexOf(b);
        return first < 0 ? second : second < 0 ? first : Math.min(first, second);
    }
}
