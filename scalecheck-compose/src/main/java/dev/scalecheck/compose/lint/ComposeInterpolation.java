package dev.scalecheck.compose.lint;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Compose's variable interpolation, as {@code docker compose} applies it to every value of a
 * compose file: {@code ${VAR}} and {@code $VAR}, {@code ${VAR:-default}} (unset or empty),
 * {@code ${VAR-default}} (unset), {@code ${VAR:?error}} / {@code ${VAR?error}} (required),
 * {@code ${VAR:+other}} / {@code ${VAR+other}} (alternative), nested in defaults, and {@code $$}
 * for a literal {@code $}. The variables are the process environment over the project's
 * {@code .env} file (the environment wins, as in compose).
 *
 * <p>An interpolation that compose would warn about (a variable that is not set) or refuse
 * (a required one, a {@code $} that starts no variable) says so in its {@link Result}: what the
 * text becomes is then not known from the files alone.
 */
public final class ComposeInterpolation {
    private final Function<String, Optional<String>> variables;

    private ComposeInterpolation(Function<String, Optional<String>> variables) {
        this.variables = variables;
    }

    /** Interpolation with these variables; {@code environment} wins over {@code dotEnv}. */
    public static ComposeInterpolation of(Map<String, String> environment, Map<String, String> dotEnv) {
        Map<String, String> merged = new HashMap<>(dotEnv);
        merged.putAll(environment);
        return new ComposeInterpolation(name -> Optional.ofNullable(merged.get(name)));
    }

    /** Interpolation with variables looked up one by one (an env file's earlier keys, then the project's). */
    static ComposeInterpolation with(Function<String, Optional<String>> variables) {
        return new ComposeInterpolation(variables);
    }

    /**
     * The variables compose uses for a project in {@code directory}: {@code environment} (the
     * process environment) over the {@code .env} file there, when there is one.
     *
     * @throws IllegalArgumentException when the .env file cannot be read or parsed
     */
    public static ComposeInterpolation forProject(Path directory, Map<String, String> environment) {
        Path dotEnv = directory.resolve(".env");
        Map<String, String> values = Files.isRegularFile(dotEnv)
                ? EnvFile.read(dotEnv, name -> Optional.ofNullable(environment.get(name))) : Map.of();
        return of(environment, values);
    }

    /** The value of a variable, when it is set (possibly empty). */
    public Optional<String> variable(String name) {
        return variables.apply(name);
    }

    /**
     * What compose makes of {@code text}.
     *
     * @param value the text as compose would use it (unset variables blank, as compose substitutes them)
     * @param problems why the value is not known from the files: unset variables, missing required
     *     ones, a {@code $} that starts no variable; empty when it is known
     */
    public record Result(String value, List<String> problems) {
        public Result {
            problems = List.copyOf(problems);
        }

        public static Result known(String value) {
            return new Result(value, List.of());
        }

        /** The value, when nothing is unknown about it. */
        public Optional<String> known() {
            return problems.isEmpty() ? Optional.of(value) : Optional.empty();
        }
    }

    public Result interpolate(String text) {
        List<String> problems = new ArrayList<>();
        String value = interpolate(text, problems);
        return new Result(value, problems);
    }

    private String interpolate(String text, List<String> problems) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '$') {
                out.append(c);
                i++;
            } else if (text.startsWith("$$", i)) {
                out.append('$');
                i += 2;
            } else if (text.startsWith("${", i)) {
                int end = closingBrace(text, i);
                if (end < 0) {
                    problems.add("'" + text.substring(i) + "' has no closing '}'");
                    out.append(text, i, text.length());
                    break;
                }
                out.append(braced(text.substring(i + 2, end), problems));
                i = end + 1;
            } else {
                int end = nameEnd(text, i + 1);
                if (end == i + 1) {
                    problems.add("'$' in '" + text + "' starts no variable; write $$ for a literal $");
                    out.append('$');
                    i++;
                } else {
                    out.append(lookup(text.substring(i + 1, end), problems));
                    i = end;
                }
            }
        }
        return out.toString();
    }

    /** The '}' that closes the "${" at {@code start}, counting nested "${" as compose does. */
    private static int closingBrace(String text, int start) {
        int depth = 0;
        for (int i = start; i < text.length(); i++) {
            if (text.startsWith("${", i)) {
                depth++;
                i++;
            } else if (text.charAt(i) == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** Where a variable name starting at {@code start} ends: {@code [_a-zA-Z][_a-zA-Z0-9]*}. */
    private static int nameEnd(String text, int start) {
        int i = start;
        while (i < text.length() && (isLetter(text.charAt(i)) || text.charAt(i) == '_' || (i > start && isDigit(text.charAt(i))))) {
            i++;
        }
        return i;
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The inside of {@code ${...}}: a name, then nothing or one operator and its argument (interpolated when used). */
    private String braced(String expression, List<String> problems) {
        int end = nameEnd(expression, 0);
        if (end == 0) {
            problems.add("'${" + expression + "}' is not a variable");
            return "";
        }
        String name = expression.substring(0, end);
        String rest = expression.substring(end);
        if (rest.isEmpty()) {
            return lookup(name, problems);
        }
        boolean orEmpty = rest.startsWith(":");
        String operator = rest.substring(orEmpty ? 1 : 0, Math.min(rest.length(), orEmpty ? 2 : 1));
        String argument = rest.substring(Math.min(rest.length(), orEmpty ? 2 : 1));
        Optional<String> value = variables.apply(name);
        boolean present = value.isPresent() && !(orEmpty && value.get().isEmpty());
        return switch (operator) {
            case "-" -> present ? value.get() : interpolate(argument, problems);
            case "+" -> present ? interpolate(argument, problems) : "";
            case "?" -> {
                if (!present) {
                    problems.add("required variable " + name + " is missing a value: " + interpolate(argument, new ArrayList<>()));
                }
                yield value.orElse("");
            }
            default -> {
                problems.add("'${" + expression + "}' is not an interpolation compose supports");
                yield "";
            }
        };
    }

    private String lookup(String name, List<String> problems) {
        Optional<String> value = variables.apply(name);
        if (value.isEmpty()) {
            problems.add(name + " is not set (neither in the environment nor in .env)");
        }
        return value.orElse("");
    }
}
