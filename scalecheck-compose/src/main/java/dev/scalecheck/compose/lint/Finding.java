package dev.scalecheck.compose.lint;

import java.nio.file.Path;

/** One rule broken at one place, with what to do about it. */
public record Finding(String rule, Path file, int line, String message, String fix) {

    public String oneLine() {
        return file.getFileName() + ":" + line + " [" + rule + "] " + message;
    }
}
