package dev.scalecheck.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A file a person hands to scalecheck (a spec, a compose file, a saved report), read as UTF-8
 * text with a size limit that is checked before anything parses it. Every refusal is an
 * {@link IllegalArgumentException} whose one-line message names the file and the fix.
 */
public final class InputFile {
    /** The largest spec, compose file or report read: 1 MiB. Real ones are a few KiB; more is a mistake. */
    public static final int MAX_BYTES = 1024 * 1024;

    private InputFile() {
    }

    /**
     * @param what what the file should be, for the messages: "spec", "compose file"
     * @param whenMissing what to say after "does not exist; "
     */
    public static String read(Path file, String what, String whenMissing) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(file + " is a directory; expected a " + what + " file");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + " does not exist; " + whenMissing);
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException(file + " cannot be read: permission denied; make it readable for this user");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " cannot be read: " + oneLine(e.getMessage()));
        }
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException(file + " is " + size(file) + ", larger than the " + what + " limit of 1 MiB ("
                    + MAX_BYTES + " bytes); is it the right file?");
        }
        return decode(bytes, file + " is not a UTF-8 text file", what);
    }

    /** Strict UTF-8: a malformed byte or a NUL (a binary file) is refused with its offset; a byte-order mark is dropped. */
    public static String decode(byte[] bytes, String refusal, String what) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new IllegalArgumentException(refusal + ": byte 0x" + String.format(Locale.ROOT, "%02x", bytes[in.position()])
                    + " at offset " + in.position() + " is not UTF-8; save the " + what + " as UTF-8 text");
        }
        decoder.flush(out);
        String text = out.flip().toString();
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            throw new IllegalArgumentException(refusal + ": it holds a NUL character at offset " + nul + " (a binary file?); "
                    + "expected a " + what + " as UTF-8 text");
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** A message on one line: line breaks and other control characters become spaces. */
    public static String oneLine(String message) {
        if (message == null) {
            return "";
        }
        return message.replaceAll("\\p{Cntrl}+", " ").strip();
    }

    private static String size(Path file) {
        try {
            long bytes = Files.size(file);
            return bytes >= 1024 * 1024 ? String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024)) : bytes + " bytes";
        } catch (IOException | UnsupportedOperationException e) {
            return "more than 1 MiB";
        }
    }
}
