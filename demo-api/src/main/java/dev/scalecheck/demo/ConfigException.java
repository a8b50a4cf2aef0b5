package dev.scalecheck.demo;

/** Bad configuration: the message says which variable, what was expected and how to fix it. */
final class ConfigException extends RuntimeException {
    ConfigException(String message) {
        super(message);
    }
}
