package io.marketsentinel.cli;

/** {@code --format}: lines for people, or one JSON document. */
enum OutputFormat { text, json }
